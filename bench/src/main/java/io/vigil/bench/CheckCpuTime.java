package io.vigil.bench;

import io.vigil.ast.Source;
import io.vigil.check.Checker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * CPU time of parse + check on a generated rule file, cold (first call in this JVM) and warm (median after
 * warm-up). A complement to {@link CheckBench} for shared machines, where other processes make wall-clock
 * figures swing: the thread's CPU time is what the work costs on an idle core. Arguments: rules, runs.
 */
public final class CheckCpuTime {
    private CheckCpuTime() {}

    public static void main(String[] args) {
        int rules = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Source source = new Source("bench.vigil", LargeRuleFile.generate(rules));
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long[] ms = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = cpu.getCurrentThreadCpuTime();
            if (Checker.check(List.of(source), null).hasErrors()) throw new IllegalStateException("not clean");
            ms[i] = (cpu.getCurrentThreadCpuTime() - start) / 1_000_000;
        }
        long cold = ms[0];
        long[] warm = Arrays.copyOfRange(ms, runs / 2, runs);
        Arrays.sort(warm);
        System.out.printf("rules=%d parse+check cpu: cold %d ms, warm median %d ms (min %d, max %d over the last %d runs)%n",
                rules, cold, warm[warm.length / 2], warm[0], warm[warm.length - 1], warm.length);
    }
}
