package io.vigil.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ast.Expr.BinaryOp;
import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.label.LabelMatcher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plans of checked rules: operand slots with defaults resolved, folding, and the key each node is matched on. */
class PlannerTest {

    private static RulePlan plan(String when) {
        return plan("every 5m\n  baseline \"training\"", when);
    }

    private static RulePlan plan(String blockClauses, String when) {
        String text = "model m {\n  " + blockClauses + "\n  notify x\n  rule r { when " + when + " }\n}\n";
        CheckResult checked = Checker.check(List.of(new Source("p.vigil", text)), null);
        assertThat(checked.hasErrors()).as(checked.diagnostics().toString()).isFalse();
        return Planner.plan(checked.rules().get(0));
    }

    @Test
    void bareSelectorAndLastShareOneSlotWithTheRuleStaleness() {
        RulePlan p = plan("accuracy{segment=\"EU\"} < 0.5 or last(accuracy{segment=\"EU\"}) > 0.99");
        SeriesSelector eu = new SeriesSelector("m", "accuracy",
                List.of(LabelMatcher.eq("segment", "EU")));
        // staleness defaults to 3 x the 5m interval (language.md §3.1)
        assertThat(p.slots()).containsExactly(new Operand.Latest(eu, Duration.ofMinutes(15)));
    }

    @Test
    void windowFunctionsKeepTheirArguments() {
        RulePlan p = plan("quantile(0.99, latency_ms, 1h) > 500 and delta(version, 1d) != 0");
        assertThat(p.slots()).containsExactly(
                new Operand.Window("quantile", new SeriesSelector("m", "latency_ms", List.of()), Duration.ofHours(1),
                        0.99, Duration.ofMinutes(15)),
                new Operand.Window("delta", new SeriesSelector("m", "version", List.of()), Duration.ofDays(1), null,
                        Duration.ofMinutes(15)));
    }

    @Test
    void distributionDefaultsComeFromTheRule() {
        RulePlan p = plan("psi(feature=\"income\") > 0.2 or js(feature=*, baseline=prior(7d), window=1d) > 0.1"
                + " or null_rate(feature=\"age\") > 0.1");
        assertThat(p.slots()).containsExactly(
                new Operand.Distribution("psi", FeatureSelector.named(List.of("income")), Operand.Baseline.named("training"), Duration.ofMinutes(5)),
                new Operand.Distribution("js", FeatureSelector.ALL, Operand.Baseline.prior(Duration.ofDays(7)), Duration.ofDays(1)),
                // null_rate looks at the current window only: no baseline
                new Operand.Distribution("null_rate", FeatureSelector.named(List.of("age")), null, Duration.ofMinutes(5)));
    }

    @Test
    void qualityDefaultsAreFilledSoEqualQuestionsShareAnOperand() {
        RulePlan p = plan("accuracy(labels={segment=\"EU\"}) by (segment) < 0.8"
                + " or accuracy(window=5m, labels={segment=\"EU\"}, confidence=0.9) by (segment) < 0.8"
                + " or recall(window=7d, delay=14d, class=\"churn\", bound=lower, confidence=0.9, threshold=0.3) < 0.5"
                + " or estimated_auc(window=1d) < 0.7 or estimated_f1(window=1d, reference=prior(7d), calibrate=false) < 0.6"
                + " or label_delay(q=0.9) > 3600");
        Operand.Quality eu = new Operand.Quality("accuracy", Duration.ofMinutes(5), Duration.ZERO,
                List.of(LabelMatcher.eq("segment", "EU")), List.of("segment"), null, null, null, 0.95, null, null, true);
        // the second accuracy differs only in a confidence that no bound uses: the same operand
        assertThat(p.slots()).containsExactly(eu,
                new Operand.Quality("recall", Duration.ofDays(7), Duration.ofDays(14), List.of(), List.of(), "churn", 0.3,
                        "lower", 0.9, null, null, true),
                new Operand.Quality("estimated_auc", Duration.ofDays(1), Duration.ZERO, List.of(), List.of(), null, null,
                        null, 0.95, null, Duration.ofDays(28), true),
                new Operand.Quality("estimated_f1", Duration.ofDays(1), Duration.ZERO, List.of(), List.of(), null, null,
                        null, 0.95, null, Duration.ofDays(7), false),
                new Operand.Quality("label_delay", Duration.ofMinutes(5), Duration.ZERO, List.of(), List.of(), null, null,
                        null, 0.95, 0.9, null, true));
        assertThat(eu.describe()).isEqualTo("accuracy(window=5m, labels={segment=\"EU\"}) by (segment)");
        assertThat(p.slots().get(1).describe())
                .isEqualTo("recall(window=1w, delay=2w, class=\"churn\", threshold=0.3, bound=lower, confidence=0.9)");
        assertThat(p.slots().get(3).describe()).isEqualTo("estimated_f1(window=1d, reference=prior(1w), calibrate=false)");
    }

    @Test
    void scalarSubtreesFold() {
        Node root = plan("errors > 2 * 3 + 1").root();
        assertThat(root).isInstanceOf(Node.Filter.class);
        Node.Filter f = (Node.Filter) root;
        assertThat(f.op()).isEqualTo(BinaryOp.GT);
        assertThat(f.bound()).isEqualTo(7.0);
        assertThat(f.child()).isInstanceOf(Node.Input.class);
    }

    @Test
    void scalarOnTheLeftIsFlipped() {
        Node.Filter f = (Node.Filter) plan("0.5 <= accuracy").root();
        assertThat(f.op()).isEqualTo(BinaryOp.GE); // 0.5 <= x  is  x >= 0.5
        assertThat(f.bound()).isEqualTo(0.5);
    }

    @Test
    void comparisonWithNaNIsTheEmptySet() {
        Node root = plan("accuracy > 0 / 0").root();
        assertThat(root).isEqualTo(new Node.Constant(0, 0, false, 0, Projection.NONE, root.span()));
        Node orRoot = plan("accuracy < 0.1 or accuracy > 0 / 0").root();
        assertThat(orRoot).isInstanceOf(Node.Filter.class);
    }

    @Test
    void constantConditions() {
        assertThat(((Node.Constant) plan("2 > 1 and not (3 > 4)").root()).holds()).isTrue();
        assertThat(((Node.Constant) plan("1 > 2 or 2 > 3").root()).holds()).isFalse();
        Node.Constant scalar = (Node.Constant) plan("0.25").root();
        assertThat(scalar.holds()).isTrue();
        assertThat(scalar.value()).isEqualTo(0.25);
        assertThat(((Node.Constant) plan("0 / 0").root()).holds()).isFalse();
    }

    @Test
    void childrenAreKeyedForTheirConsumer() {
        // (a / on(seg) b) > 2: the division matches on seg, so both inputs carry seg keys; the root needs none
        Node.Filter root = (Node.Filter) plan("a / on(seg) b > 2").root();
        Node.Vector div = (Node.Vector) root.child();
        assertThat(div.matching()).isEqualTo(Projection.on(List.of("seg")));
        assertThat(div.key()).isEqualTo(Projection.NONE);
        assertThat(div.left().key()).isEqualTo(Projection.on(List.of("seg")));
        assertThat(div.right().key()).isEqualTo(Projection.on(List.of("seg")));
        assertThat(div.left().depth()).isEqualTo(2);
    }

    @Test
    void filtersAndScalarArithmeticPassTheirConsumersKeyDown() {
        // count_of(...) by (region): the elements under the filter and the scale are grouped by region
        Node.Aggregate agg = (Node.Aggregate) plan("count_of(-x > 1) by (region)").root();
        Node.Filter f = (Node.Filter) agg.child();
        Node.Scale neg = (Node.Scale) f.child();
        Projection region = Projection.on(List.of("region"));
        assertThat(List.of(f.key(), neg.key(), neg.child().key())).containsOnly(region);
        assertThat(neg.op()).isEqualTo(BinaryOp.MUL);
        assertThat(neg.scalar()).isEqualTo(-1.0);
    }

    @Test
    void idsArePostOrder() {
        RulePlan p = plan("a > 1 and ignoring(v) b < 2");
        assertThat(p.nodes()).extracting(Node::id).containsExactly(0, 1, 2, 3, 4);
        assertThat(p.root().id()).isEqualTo(4);
        assertThat(((Node.SetOp) p.root()).matching()).isEqualTo(Projection.ignoring(List.of("v")));
    }

    @Test
    void projectionKeysMatchExactlyWhenTheProjectedLabelsAreEqual() {
        Projection on = Projection.on(List.of("seg", "reg"));
        assertThat(on.key(Map.of("seg", "x", "reg", "y", "v", "1"))).isEqualTo(on.key(Map.of("reg", "y", "seg", "x")));
        // a missing label is the same as an empty one (Prometheus)
        assertThat(on.key(Map.of("seg", "x"))).isEqualTo(on.key(Map.of("seg", "x", "reg", "")));
        Projection ign = Projection.ignoring(List.of("v"));
        assertThat(ign.key(Map.of("a", "1", "v", "2"))).isEqualTo(ign.key(Map.of("a", "1", "v", "3")));
        assertThat(ign.key(Map.of("a", "1"))).isNotEqualTo(ign.key(Map.of("a", "1", "b", "2")));
        // values cannot forge a separator
        assertThat(Projection.ALL.key(Map.of("a", "1;b=1:2"))).isNotEqualTo(Projection.ALL.key(Map.of("a", "1", "b", "2")));
        assertThat(on.apply(Map.of("seg", "x", "v", "1"))).isEqualTo(Map.of("seg", "x"));
        assertThat(ign.apply(Map.of("seg", "x", "v", "1"))).isEqualTo(Map.of("seg", "x"));
    }
}
