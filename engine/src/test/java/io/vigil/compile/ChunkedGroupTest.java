package io.vigil.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A group split over several KieBases evaluates exactly like one: outcomes in rule order, operands shared. */
class ChunkedGroupTest {

    @Test
    void outcomesOfAllChunksComeBackInRuleOrder() {
        StringBuilder text = new StringBuilder("model m {\n  every 1m\n  notify x\n");
        // rule tN breaches when a > N; with a = 4.5, t0..t4 breach and t5..t9 do not
        for (int i = 0; i < 10; i++) text.append("  rule t").append(i).append(" { when a > ").append(i).append(" }\n");
        text.append("  rule both { when a > 1 and on(seg) b < 0 }\n}\n");
        CheckResult checked = Checker.check(List.of(new Source("chunks.vigil", text.toString())), null);
        assertThat(checked.hasErrors()).isFalse();

        CompiledGroup g = new RuleCompiler(CompileOptions.defaults().withChunkSize(3)).compile(checked.rules())
                .groups().get(0);
        assertThat(g.listings().size()).isGreaterThan(1);
        assertThat(g.operands()).hasSize(2); // a and b, shared by every chunk

        Inputs in = g.newInputs();
        in.add(0, Map.of("seg", "x"), 4.5);
        in.add(1, Map.of("seg", "x", "v", "1"), -1);
        List<RuleOutcome> out = g.evaluate(in);

        assertThat(out).extracting(o -> o.plan().rule().name())
                .containsExactly("both", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9");
        assertThat(out).extracting(o -> o.breaches().size()).containsExactly(1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0);
        for (int i = 0; i < out.size(); i++) {
            int index = i;
            assertThat(out.get(i).breaches()).allSatisfy(b -> assertThat(b.rule()).isEqualTo(index));
        }
    }
}
