package io.vigil.bench;

import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.CompiledGroup;
import io.vigil.compile.CompiledRuleSet;
import io.vigil.compile.Inputs;
import io.vigil.compile.RuleCompiler;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Evaluation cost once the rules are loaded: every group of the generated rule set evaluated with
 * {@code series} elements per operand (labels segment/region/feature), median of repeated runs.
 * Arguments: rules, series per operand, repeats.
 */
public final class GroupEvaluation {
    public static void main(String[] args) {
        int rules = Integer.parseInt(args[0]);
        int series = Integer.parseInt(args[1]);
        int repeats = Integer.parseInt(args[2]);
        String text = RuleSetGenerator.generate(rules, Math.max(1, rules / 250));
        CheckResult checked = Checker.check(List.of(new Source("bench.vigil", text)), null);
        CompiledRuleSet set = new RuleCompiler(CompileOptions.defaults()).compile(checked.rules());
        Random random = new Random(42);
        long facts = 0;
        long[] nanos = new long[repeats];
        int breaches = 0;
        for (int rep = 0; rep < repeats; rep++) {
            long t = System.nanoTime();
            for (CompiledGroup g : set.groups()) {
                Inputs in = g.newInputs();
                for (int o = 0; o < g.operands().size(); o++) {
                    for (int s = 0; s < series; s++) {
                        in.add(o, Map.of("segment", "s" + s % 7, "region", "r" + s % 3, "feature", "f" + s),
                                random.nextDouble() * 2);
                        if (rep == 0) facts++;
                    }
                }
                breaches += g.evaluate(in).stream().mapToInt(r -> r.breaches().size()).sum();
            }
            nanos[rep] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        double medianMs = nanos[repeats / 2] / 1e6;
        System.out.printf("rules=%d groups=%d operand-elements=%d median=%.1fms (all groups) = %.0f elements/s,"
                        + " breaches/run=%d%n", checked.rules().size(), set.groups().size(), facts, medianMs,
                facts / (medianMs / 1000), breaches / repeats);
    }
}
