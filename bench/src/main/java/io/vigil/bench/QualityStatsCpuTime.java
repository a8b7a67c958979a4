package io.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Thread CPU time of {@link QualityStatisticsBenchmark}'s operations (median after warm-up), for a
 * shared machine where JMH's wall-clock figures swing with the load. Arguments: rows, runs.
 */
public final class QualityStatsCpuTime {
    private QualityStatsCpuTime() {}

    public static void main(String[] args) {
        QualityStatisticsBenchmark b = new QualityStatisticsBenchmark();
        b.n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        b.generate();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        String[] names = {"accuracy by 50 segments", "auc", "estimated_accuracy (fit + estimate)", "all three"};
        for (int op = 0; op < names.length; op++) {
            double[] ms = new double[runs];
            double sink = 0;
            for (int i = 0; i < runs; i++) {
                long start = cpu.getCurrentThreadCpuTime();
                sink += switch (op) {
                    case 0 -> b.accuracyBySegment();
                    case 1 -> b.auc();
                    case 2 -> b.estimatedAccuracy();
                    default -> b.allThree();
                };
                ms[i] = (cpu.getCurrentThreadCpuTime() - start) / 1e6;
            }
            double[] warm = Arrays.copyOfRange(ms, runs / 2, runs);
            Arrays.sort(warm);
            System.out.printf("n=%,d %s: CPU median %.0f ms (min %.0f, max %.0f over the last %d runs) [%s]%n", b.n,
                    names[op], warm[warm.length / 2], warm[0], warm[warm.length - 1], warm.length, sink > 0 ? "ok" : "?");
        }
    }
}
