package io.vigil.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.plan.Operand;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;

/**
 * Hostile text in every place a rule file allows it (path, model and rule names that are DRL keywords,
 * label values, regexes, baseline and feature names, templates, label clauses) travels as data: the
 * KieBase is the fixed one, evaluation is correct, and the {@code vigil compile} listing keeps one line
 * per item.
 */
class InjectionTest {

    private static final String PATH = "evil\"dir/x\n rule \"x\" when then end /* ${x} */.vigil";

    private static final String RULES = """
            model then {
              every 1m
              notify oncall
              baseline "\\" end rule \\"x\\" when then insert(null); end"
              rule end {
                when psi(feature="\\"); end rule \\"y\\" when then end //", window=1h) > 0.2
                summary "{{value}} \\" end */ ${x} \\n rule \\"z\\""
                labels { team: "\\" end\\nrule \\"q\\" when then end" }
              }
              rule rule {
                when accuracy{segment="\\" end rule \\"x\\" when then end", path=~"\\\\*/.*\\"\\\\\\\\u0022"} < 0.5 and on(when) errors{v!~"[$]{1}[{]x[}]"} > 1
              }
              rule forge { when a and b }
            }
            """;

    @Test
    void hostileTextCannotAddOrRenameRules() {
        CheckResult checked = Checker.check(List.of(new Source(PATH, RULES)), null);
        assertThat(checked.hasErrors()).as(checked.diagnostics().toString()).isFalse();
        CompiledGroup group = new RuleCompiler(CompileOptions.defaults()).compile(checked.rules()).groups().get(0);

        KieBase kb = FixedRules.kieBase();
        List<String> names = kb.getKiePackages().stream().flatMap(p -> p.getRules().stream()).map(Rule::getName).toList();
        assertThat(names).allSatisfy(n -> assertThat(FixedRules.drl()).contains("rule \"" + n + "\""))
                .noneMatch(n -> n.contains("then/"));

        String listing = group.listings().get(0);
        String path = "evil\"dir/x%0A rule \"x\" when then end /* ${x} */.vigil";
        assertThat(listing).contains("rule 0: then/end (" + path + ":5)", "rule 1: then/forge (" + path + ":13)",
                "rule 2: then/rule (" + path + ":10)");
        assertThat(listing.lines().filter(l -> l.startsWith("rule "))).hasSize(3);

        // the hostile feature name and label values travel as data and come out intact
        String feature = "\"); end rule \"y\" when then end //";
        String segment = "\" end rule \"x\" when then end";
        Inputs in = group.newInputs();
        in.add(operandIndex(group, "psi("), Map.of("feature", feature), 0.3);
        in.add(operandIndex(group, "accuracy{"), Map.of("segment", segment, "when", "w1"), 0.1);
        in.add(operandIndex(group, "errors{"), Map.of("when", "w1", "v", "x"), 2);
        // a label value that spells another label set's key must not match it
        in.add(operandIndex(group, "a"), Map.of("k", "1:x;j=1:y"), 1);
        in.add(operandIndex(group, "b"), Map.of("k", "x", "j", "y"), 1);
        List<RuleOutcome> out = group.evaluate(in);
        assertThat(out).allSatisfy(o -> assertThat(o.errors()).isEmpty());
        assertThat(outcome(out, "end").breaches()).singleElement()
                .satisfies(b -> assertThat(b.labels()).isEqualTo(Map.of("feature", feature)));
        assertThat(outcome(out, "rule").breaches()).singleElement()
                .satisfies(b -> assertThat(b.labels()).isEqualTo(Map.of("segment", segment, "when", "w1")));
        assertThat(outcome(out, "forge").breaches()).isEmpty();
    }

    @Test
    void listingTextIsInjectiveAndOneLine() {
        String hostile = "a\"b\\c\nd\re%25f${g}*/h\u2028i\u0000j\uD83D\uDE00";
        String line = ListingText.line(hostile);
        assertThat(line).doesNotContain("\\", "\n", "\r", "\u2028", "\u0000");
        assertThat(line).isEqualTo("a\"b%5Cc%0Ad%0De%2525f${g}*/h%E2%80%A8i%00j%F0%9F%98%80");
        assertThat(ListingText.line("a%22")).isNotEqualTo(ListingText.line("a\""));
    }

    private static int operandIndex(CompiledGroup group, String prefix) {
        List<Operand> ops = group.operands();
        for (int i = 0; i < ops.size(); i++) {
            String d = ops.get(i).describe();
            if (d.equals(prefix) || (prefix.endsWith("(") || prefix.endsWith("{")) && d.startsWith(prefix)) return i;
        }
        throw new AssertionError("no operand " + prefix + " in " + ops);
    }

    private static RuleOutcome outcome(List<RuleOutcome> out, String rule) {
        return out.stream().filter(o -> o.plan().rule().name().equals(rule)).findFirst().orElseThrow();
    }
}
