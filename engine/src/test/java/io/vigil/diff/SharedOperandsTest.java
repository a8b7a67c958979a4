package io.vigil.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.CompiledRuleSet;
import io.vigil.compile.RuleCompiler;
import io.vigil.plan.Operand;
import io.vigil.runtime.OperandSource;
import io.vigil.runtime.OperandValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What the two versions' backtests share: an operand both read on the same schedule, computed once per time. */
class SharedOperandsTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static CompiledRuleSet compile(String text) {
        CheckResult r = Checker.check(List.of(new Source("r.vigil", text)), null);
        assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
        return new RuleCompiler(CompileOptions.defaults()).compile(r.rules());
    }

    /** The underlying source: records every computation, answers the operand's text as a label. */
    private static OperandSource counting(List<String> calls) {
        return (model, operand, t) -> {
            calls.add(operand + "@" + t);
            return List.of(new OperandValue(new TreeMap<>(), calls.size(), null));
        };
    }

    @Test
    void anOperandOfBothVersionsIsComputedOnceAndTheOtherNotShared() throws Exception {
        CompiledRuleSet before = compile("model shop {\n every 5m\n rule a { when accuracy < 0.85 }\n}\n");
        CompiledRuleSet after = compile("model shop {\n every 5m\n rule a { when accuracy < 0.8 }\n"
                + " rule b { when latency > 3 }\n}\n");
        Operand accuracy = before.groups().get(0).operands().get(0);
        Operand latency = after.groups().get(0).operands().stream().filter(o -> o != accuracy && !o.equals(accuracy))
                .findFirst().orElseThrow();
        SharedOperands shared = new SharedOperands(before, after);
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        OperandSource old = shared.side(counting(calls));
        OperandSource neu = shared.side(counting(calls));

        List<OperandValue> first = old.compute("shop", accuracy, T);
        List<OperandValue> second = neu.compute("shop", accuracy, T);
        neu.compute("shop", latency, T);
        neu.compute("shop", accuracy, T.plusSeconds(300));
        old.compute("shop", accuracy, T.plusSeconds(300));

        // accuracy at T and at T+5m once each (by whichever side came first), latency once: three computations
        assertThat(calls).hasSize(3);
        assertThat(second).isSameAs(first);
        // nothing is left waiting: latency, which only the new version reads, was never put aside
        assertThat(shared.waiting()).isZero();
    }

    @Test
    void anOperandOnAnotherScheduleInTheOtherVersionIsNotShared() throws Exception {
        CompiledRuleSet before = compile("model shop {\n every 5m\n rule a { when accuracy < 0.85 }\n}\n");
        CompiledRuleSet after = compile("model shop {\n every 10m\n rule a { when accuracy < 0.85 }\n}\n");
        Operand accuracy = before.groups().get(0).operands().get(0);
        SharedOperands shared = new SharedOperands(before, after);
        List<String> calls = new ArrayList<>();

        shared.side(counting(calls)).compute("shop", accuracy, T);
        shared.side(counting(calls)).compute("shop", accuracy, T);

        // every 5m against every 10m: the old side's value at T+5m would wait forever, so each side computes its own
        assertThat(calls).hasSize(2);
        assertThat(shared.waiting()).isZero();
    }
}
