package io.vigil.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.plan.Operand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real Drools evaluation of every operator: operand values go in by hand, and the breaches that come
 * out are compared with results worked out by hand from language.md §3. One rule set is compiled
 * once; each test feeds the operands its rule reads and looks at that rule's outcome only.
 */
class EvaluationTest {

    private static final String RULES = """
            model t {
              every 1m
              baseline "training"
              notify oncall
              rule lt { when a < 0.5 }
              rule ne { when a != 0.5 }
              rule eq_zero { when a == 0 }
              rule scalar_left { when 0.5 < a }
              rule one_minus { when 1 - a > 0.25 }
              rule negate { when -a >= 1 }
              rule add { when a + b > 10 }
              rule div_on { when a / on(seg) b > 2 }
              rule sub_ignoring { when a - ignoring(v) b < 0 }
              rule vec_lt { when a < b }
              rule vec_ne { when a != b }
              rule and_on { when a > 1 and on(seg) b }
              rule or_ { when a > 5 or b }
              rule unless_ignoring { when a unless ignoring(v) b }
              rule between_ { when a between 1 and 2 }
              rule count_by { when count_of(a > 0) by (seg) >= 2 }
              rule sum_all { when sum_of(a) > 10 }
              rule max_by { when max_of(a) by (seg) }
              rule min_all { when min_of(a) }
              rule inverse_max { when 1 / max_of(a) < 0 }
              rule avg_by { when avg_of(a) by (seg) > 1 }
              rule drifted { when count_of(psi(feature=*) > 0.2) >= 2 }
              rule abs_ { when abs(a) > 2 }
              rule sqrt_ { when sqrt(a) >= 2 }
              rule ln_ { when ln(a) < 0 }
              rule exp_ { when exp(a) > 1 }
              rule clamp_min_ { when clamp_min(a, 0) }
              rule clamp_max_ { when clamp_max(a, 1) > 0.5 }
              rule always { when 2 > 1 }
              rule never { when 1 > 2 }
            }
            """;

    private static CompiledGroup group;
    private Inputs inputs;

    @BeforeAll
    static void compile() {
        CheckResult checked = Checker.check(List.of(new Source("eval.vigil", RULES)), null);
        assertThat(checked.hasErrors()).as(checked.diagnostics().toString()).isFalse();
        CompiledRuleSet set = new RuleCompiler(CompileOptions.defaults()).compile(checked.rules());
        assertThat(set.groups()).hasSize(1);
        group = set.groups().get(0);
    }

    @BeforeEach
    void fresh() {
        inputs = group.newInputs();
    }

    // ---- comparisons with a scalar ----

    @Test
    void lessThanKeepsElementsBelowTheBound() {
        feed("a", 0.4, "seg", "x");
        feed("a", 0.5, "seg", "y");
        feed("a", Double.NaN, "seg", "z");
        assertThat(breaches("lt")).containsExactly(b(0.4, "seg", "x"));
    }

    @Test
    void notEqualIsFalseForNaN() {
        feed("a", 0.4, "seg", "x");
        feed("a", 0.5, "seg", "y");
        feed("a", Double.NaN, "seg", "z");
        assertThat(breaches("ne")).containsExactly(b(0.4, "seg", "x"));
    }

    @Test
    void negativeZeroEqualsZero() {
        feed("a", -0.0, "seg", "x");
        feed("a", 0.0, "seg", "y");
        feed("a", 1e-300, "seg", "z");
        assertThat(breaches("eq_zero")).containsExactly(b(-0.0, "seg", "x"), b(0.0, "seg", "y"));
    }

    @Test
    void scalarOnTheLeftFlipsTheComparison() {
        feed("a", 0.4, "seg", "x");
        feed("a", 0.6, "seg", "y");
        assertThat(breaches("scalar_left")).containsExactly(b(0.6, "seg", "y"));
    }

    @Test
    void arithmeticWithAScalarKeepsLabelsAndResultValue() {
        // 1 - 0.5 = 0.5 > 0.25 holds; 1 - 0.8 = 0.2 does not
        feed("a", 0.5, "seg", "x");
        feed("a", 0.8, "seg", "y");
        assertThat(breaches("one_minus")).containsExactly(b(0.5, "seg", "x"));
    }

    @Test
    void unaryMinusNegates() {
        feed("a", -3, "seg", "x");
        feed("a", 3, "seg", "y");
        assertThat(breaches("negate")).containsExactly(b(3, "seg", "x"));
    }

    // ---- one-to-one vector matching ----

    @Test
    void vectorArithmeticMatchesEqualLabelSets() {
        // {seg=x}: 4 + 7 = 11 > 10; {seg=y}: 4 + 5 = 9; {seg=z} has no partner
        feed("a", 4, "seg", "x");
        feed("a", 4, "seg", "y");
        feed("a", 40, "seg", "z");
        feed("b", 7, "seg", "x");
        feed("b", 5, "seg", "y");
        feed("b", 7, "seg", "x", "extra", "1"); // different label set: matches nothing
        assertThat(breaches("add")).containsExactly(b(11, "seg", "x"));
    }

    @Test
    void onKeepsOnlyTheOnLabels() {
        // a{seg=x,v=1} / b{seg=x,w=9}: 10 / 4 = 2.5 > 2, result labelled {seg=x} only
        feed("a", 10, "seg", "x", "v", "1");
        feed("b", 4, "seg", "x", "w", "9");
        feed("a", 3, "seg", "y", "v", "1");
        feed("b", 2, "seg", "y");
        assertThat(breaches("div_on")).containsExactly(b(2.5, "seg", "x"));
    }

    @Test
    void ignoringDropsTheIgnoredLabels() {
        // a{seg=x,v=1} - b{seg=x,v=2} = 1 - 3 = -2 < 0, labelled {seg=x}
        feed("a", 1, "seg", "x", "v", "1");
        feed("b", 3, "seg", "x", "v", "2");
        feed("a", 5, "seg", "y", "v", "1");
        feed("b", 3, "seg", "y", "v", "2");
        assertThat(breaches("sub_ignoring")).containsExactly(b(-2, "seg", "x"));
    }

    @Test
    void seriesComparisonKeepsTheLeftValue() {
        feed("a", 1, "seg", "x");
        feed("b", 2, "seg", "x");
        feed("a", 3, "seg", "y");
        feed("b", 2, "seg", "y");
        feed("a", Double.NaN, "seg", "z");
        feed("b", 2, "seg", "z");
        assertThat(breaches("vec_lt")).containsExactly(b(1, "seg", "x"));
    }

    @Test
    void seriesNotEqualIsFalseWithNaNAndForSignedZeros() {
        feed("a", Double.NaN, "seg", "n");
        feed("b", Double.NaN, "seg", "n");
        feed("a", -0.0, "seg", "z");
        feed("b", 0.0, "seg", "z");
        feed("a", 1, "seg", "x");
        feed("b", 2, "seg", "x");
        assertThat(breaches("vec_ne")).containsExactly(b(1, "seg", "x"));
    }

    @Test
    void aLabelSetMatchingTwoElementsIsAnEvaluationError() {
        // on(seg): both a elements have seg=x, so b{seg=x} matches two elements on the left
        feed("a", 10, "seg", "x", "v", "1");
        feed("a", 12, "seg", "x", "v", "2");
        feed("b", 1, "seg", "x");
        RuleOutcome outcome = outcome("div_on");
        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.breaches()).isEmpty();
        assertThat(outcome.errors()).singleElement().asString()
                .contains("eval.vigil:12:24", "'/'", "on(seg)", "{seg=\"x\"}", "matches 2 elements on the left");
    }

    @Test
    void duplicatesWithoutAPartnerAreNoError() {
        // two a{seg=x,...} but no b with seg=x: nothing matches more than one element
        feed("a", 10, "seg", "x", "v", "1");
        feed("a", 12, "seg", "x", "v", "2");
        feed("b", 1, "seg", "y");
        assertThat(outcome("div_on").failed()).isFalse();
        assertThat(breaches("div_on")).isEmpty();
    }

    // ---- set operators ----

    @Test
    void andOnKeepsLeftElementsWithAPartner() {
        feed("a", 2, "seg", "x", "v", "1");
        feed("a", 3, "seg", "x", "v", "2");
        feed("a", 4, "seg", "y");
        feed("a", 0.5, "seg", "w");
        feed("b", 0, "seg", "x", "other", "q");
        feed("b", 0, "seg", "w");
        // many-to-many: both {seg=x} elements stay; {seg=y} has no partner; {seg=w} fails a > 1
        assertThat(breaches("and_on")).containsExactly(b(2, "seg", "x", "v", "1"), b(3, "seg", "x", "v", "2"));
    }

    @Test
    void orKeepsAllLeftAndUnmatchedRight() {
        feed("a", 6, "seg", "x");
        feed("a", 1, "seg", "y"); // fails a > 5, so b{seg=y} is unmatched
        feed("b", 100, "seg", "x");
        feed("b", 200, "seg", "y");
        assertThat(breaches("or_")).containsExactly(b(6, "seg", "x"), b(200, "seg", "y"));
    }

    @Test
    void unlessIgnoringDropsLeftElementsWithAPartner() {
        feed("a", 1, "seg", "x", "v", "1");
        feed("a", 2, "seg", "y", "v", "1");
        feed("b", 9, "seg", "x", "v", "2");
        assertThat(breaches("unless_ignoring")).containsExactly(b(2, "seg", "y", "v", "1"));
    }

    @Test
    void betweenIsInclusiveOnBothEnds() {
        feed("a", 1, "seg", "lo");
        feed("a", 2, "seg", "hi");
        feed("a", 2.5, "seg", "out");
        feed("a", Double.NaN, "seg", "nan");
        assertThat(breaches("between_")).containsExactly(b(2, "seg", "hi"), b(1, "seg", "lo"));
    }

    // ---- aggregation ----

    @Test
    void countByCountsFilteredElementsPerGroup() {
        feed("a", 1, "seg", "x", "v", "1");
        feed("a", 2, "seg", "x", "v", "2");
        feed("a", -1, "seg", "x", "v", "3");
        feed("a", 5, "seg", "y", "v", "1");
        feed("a", 6, "seg", "y", "v", "2");
        feed("a", 7, "seg", "y", "v", "3");
        feed("a", 1, "seg", "z");
        // x: 2 positive, y: 3, z: 1
        assertThat(breaches("count_by")).containsExactly(b(2, "seg", "x"), b(3, "seg", "y"));
    }

    @Test
    void sumWithoutByIsOneElementWithoutLabels() {
        feed("a", 4, "seg", "x");
        feed("a", 5, "seg", "y");
        feed("a", 2.5, "seg", "z");
        assertThat(breaches("sum_all")).containsExactly(b(11.5));
    }

    @Test
    void sumPropagatesNaN() {
        feed("a", 40, "seg", "x");
        feed("a", Double.NaN, "seg", "y");
        assertThat(breaches("sum_all")).isEmpty();
    }

    @Test
    void maxByIgnoresNaNUnlessTheWholeGroupIsNaN() {
        feed("a", Double.NaN, "seg", "x", "v", "1");
        feed("a", 3, "seg", "x", "v", "2");
        feed("a", 1, "seg", "x", "v", "3");
        feed("a", Double.NaN, "seg", "y");
        assertThat(breaches("max_by")).containsExactly(b(3, "seg", "x"), b(Double.NaN, "seg", "y"));
    }

    @Test
    void maxOfANegativeZeroKeepsItsSign() {
        // max_of over the one element -0.0 is -0.0, and 1 / -0.0 = -Infinity < 0 (IEEE 754); a max
        // taken on the comparison value (-0.0 made 0.0) gave +Infinity and no breach
        feed("a", -0.0, "seg", "x");
        assertThat(breaches("inverse_max")).containsExactly(b(Double.NEGATIVE_INFINITY));
    }

    @Test
    void minOfAllElements() {
        feed("a", 4, "seg", "x");
        feed("a", -2, "seg", "y");
        assertThat(breaches("min_all")).containsExactly(b(-2));
    }

    @Test
    void avgBy() {
        feed("a", 1, "seg", "x", "v", "1");
        feed("a", 2, "seg", "x", "v", "2");
        feed("a", 0.5, "seg", "y", "v", "1");
        feed("a", 1.0, "seg", "y", "v", "2");
        // x: 1.5 > 1; y: 0.75
        assertThat(breaches("avg_by")).containsExactly(b(1.5, "seg", "x"));
    }

    @Test
    void aggregatingNothingGivesNothing() {
        assertThat(breaches("min_all")).isEmpty();
        assertThat(breaches("sum_all")).isEmpty();
    }

    @Test
    void driftOverEveryFeature() {
        Operand psi = operand("psi(feature=*, baseline=\"training\", window=1m)");
        inputs.add(group.operands().indexOf(psi), Map.of("feature", "income"), 0.3);
        inputs.add(group.operands().indexOf(psi), Map.of("feature", "age"), 0.25);
        inputs.add(group.operands().indexOf(psi), Map.of("feature", "region"), 0.1);
        assertThat(breaches("drifted")).containsExactly(b(2));
    }

    // ---- element-wise functions (values worked out by hand; labels are kept) ----

    @Test
    void absMakesValuesPositive() {
        feed("a", -3, "seg", "x");   // |−3| = 3 > 2
        feed("a", 1, "seg", "y");    // 1
        feed("a", -2, "seg", "w");   // 2, not > 2
        feed("a", Double.NaN, "seg", "z");
        assertThat(breaches("abs_")).containsExactly(b(3, "seg", "x"));
    }

    @Test
    void sqrtOfANegativeValueIsNaN() {
        feed("a", 4, "seg", "x");    // 2 >= 2
        feed("a", 9, "seg", "y");    // 3
        feed("a", 3, "seg", "v");    // 1.73…
        feed("a", -4, "seg", "z");   // NaN: never compares true
        assertThat(breaches("sqrt_")).containsExactlyInAnyOrder(b(2, "seg", "x"), b(3, "seg", "y"));
    }

    @Test
    void lnIsTheNaturalLogarithm() {
        feed("a", 0.5, "seg", "x");  // ln ½ = −ln 2 = −0.693147180559945…
        feed("a", 1, "seg", "y");    // 0, not < 0
        feed("a", 0, "seg", "z");    // −∞
        feed("a", -1, "seg", "w");   // NaN
        assertThat(breaches("ln_")).containsExactlyInAnyOrder(b(-0.6931471805599453, "seg", "x"),
                b(Double.NEGATIVE_INFINITY, "seg", "z"));
    }

    @Test
    void expIsEToTheValue() {
        feed("a", 1, "seg", "x");    // e = 2.718281828459045…
        feed("a", 0, "seg", "y");    // 1, not > 1
        feed("a", -1, "seg", "z");   // 0.367…
        assertThat(breaches("exp_")).containsExactly(b(2.718281828459045, "seg", "x"));
    }

    @Test
    void clampMinRaisesValuesBelowTheBoundAndKeepsNaN() {
        feed("a", -2, "seg", "x");
        feed("a", 3, "seg", "y");
        feed("a", Double.NaN, "seg", "z");
        assertThat(breaches("clamp_min_")).containsExactlyInAnyOrder(b(0, "seg", "x"), b(3, "seg", "y"),
                b(Double.NaN, "seg", "z"));
    }

    @Test
    void clampMaxLowersValuesAboveTheBound() {
        feed("a", 5, "seg", "x");    // 1 > 0.5
        feed("a", 0.7, "seg", "y");  // 0.7 > 0.5
        feed("a", 0.2, "seg", "z");
        assertThat(breaches("clamp_max_")).containsExactlyInAnyOrder(b(1, "seg", "x"), b(0.7, "seg", "y"));
    }

    // ---- constants and failures ----

    @Test
    void constantConditions() {
        assertThat(breaches("always")).containsExactly(b(1));
        assertThat(breaches("never")).isEmpty();
    }

    @Test
    void aFailedOperandFailsOnlyTheRulesReadingIt() {
        feed("a", 0.1, "seg", "x");
        inputs.fail(group.operands().indexOf(operand("b")), "store unavailable");
        assertThat(outcome("add").errors()).containsExactly("store unavailable");
        assertThat(outcome("lt").failed()).isFalse();
        assertThat(breaches("lt")).containsExactly(b(0.1, "seg", "x"));
    }

    // ---- helpers ----

    private void feed(String metric, double value, String... labels) {
        inputs.add(group.operands().indexOf(operand(metric)), labels(labels), value);
    }

    private static Operand operand(String description) {
        return group.operands().stream().filter(o -> o.describe().equals(description)).findFirst()
                .orElseThrow(() -> new AssertionError("no operand " + description));
    }

    private RuleOutcome outcome(String rule) {
        return group.evaluate(inputs).get(index(rule));
    }

    private List<Hit> breaches(String rule) {
        RuleOutcome o = outcome(rule);
        assertThat(o.errors()).as("errors of " + rule).isEmpty();
        assertThat(o.breaches()).allSatisfy(x -> assertThat(x.rule()).isEqualTo(index(rule)));
        return o.breaches().stream().map(x -> new Hit(new LinkedHashMap<>(x.labels()), x.value())).toList();
    }

    private static int index(String rule) {
        for (int i = 0; i < group.rules().size(); i++) if (group.rules().get(i).rule().name().equals(rule)) return i;
        throw new AssertionError("no rule " + rule);
    }

    /** A breach as the tests state it: labels and value (records compare NaN equal to NaN). */
    record Hit(Map<String, String> labels, double value) {}

    private static Hit b(double value, String... labels) {
        return new Hit(labels(labels), value);
    }

    private static Map<String, String> labels(String... kv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) out.put(kv[i], kv[i + 1]);
        return out;
    }
}
