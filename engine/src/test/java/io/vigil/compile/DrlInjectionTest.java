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
 * label values, regexes, baseline and feature names, templates, label clauses) must not change the
 * structure of the generated DRL: the KieBase has exactly the intended rules and evaluates correctly.
 */
class DrlInjectionTest {

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

        List<KieBase> bases = group.kieBases();
        List<String> names = bases.stream().flatMap(kb -> kb.getKiePackages().stream())
                .flatMap(p -> p.getRules().stream()).map(Rule::getName).sorted().toList();
        String path = "evil%22dir/x%0A rule %22x%22 when then end /%2A %24{x} %2A/.vigil";
        assertThat(names).containsExactly(
                "then/end#1 " + path + ":5",
                "then/forge#2 " + path + ":13",
                "then/rule#4 " + path + ":10");

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
    void encodingIsInjectiveAndLeavesNoDrlSyntax() {
        String hostile = "a\"b\\c\nd\re%25f${g}*/h\u2028i\u0000j\uD83D\uDE00";
        String literal = DrlText.string(hostile);
        assertThat(literal.substring(1, literal.length() - 1)).doesNotContain("\"", "\\", "\n", "\r", "$", "*/", "\u2028");
        assertThat(literal).isEqualTo("\"a%22b%5Cc%0Ad%0De%2525f%24{g}%2A/h%E2%80%A8i%00j%F0%9F%98%80\"");
        assertThat(DrlText.string("a%22")).isNotEqualTo(DrlText.string("a\""));
        assertThat(DrlText.comment("x\ny")).isEqualTo("// x%0Ay");
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
