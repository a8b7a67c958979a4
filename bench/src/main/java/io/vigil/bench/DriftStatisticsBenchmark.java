package io.vigil.bench;

import io.vigil.stats.BinDistances;
import io.vigil.stats.DriftCalculator;
import io.vigil.stats.DriftReport;
import io.vigil.stats.FeatureSample;
import io.vigil.stats.KolmogorovSmirnov;
import io.vigil.stats.QuantileBins;
import io.vigil.stats.RadixSort;
import io.vigil.stats.Wasserstein;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * KS + PSI + Wasserstein for one numeric feature, reference against current (1M vs 1M by default): the
 * work SciPy does in {@code ks_2samp} + {@code wasserstein_distance} + a NumPy PSI. Each call sorts copies
 * of both samples (the inputs arrive unsorted) and shares the sorted arrays between the three statistics.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class DriftStatisticsBenchmark {
    @Param({"1000000"})
    int n;

    /** Shift of the current sample's mean, in standard deviations. */
    @Param({"0.01"})
    double shift;

    double[] reference;
    double[] current;

    @Setup
    public void generate() {
        Random random = new Random(42);
        reference = new double[n];
        current = new double[n];
        for (int i = 0; i < n; i++) reference[i] = random.nextGaussian();
        for (int i = 0; i < n; i++) current[i] = random.nextGaussian() + shift;
    }

    /** The three statistics the SciPy side computes, from unsorted input. */
    @Benchmark
    public double ksPsiWasserstein() {
        return KsPsiWasserstein.compute(reference, current)[0];
    }

    /** Every statistic of the drift report (adds KL, JS, Hellinger, mean, range, selection). */
    @Benchmark
    public DriftReport fullDriftReport() {
        return DriftCalculator.compare(new FeatureSample.Numeric(reference, 0), new FeatureSample.Numeric(current, 0));
    }

    /** KS (D and p), PSI and normalised Wasserstein from unsorted samples, sharing one sort of each. */
    static final class KsPsiWasserstein {
        private KsPsiWasserstein() {}

        static double[] compute(double[] reference, double[] current) {
            double[] ref = RadixSort.sortedCopy(reference);
            double[] cur = RadixSort.sortedCopy(current);
            double[] edges = QuantileBins.edges(ref);
            double psi = BinDistances.psi(toDouble(QuantileBins.counts(ref, edges)), toDouble(QuantileBins.counts(cur, edges)));
            KolmogorovSmirnov.Result ks = KolmogorovSmirnov.test(ref, cur);
            double w = Wasserstein.normalized(ref, cur);
            return new double[] {ks.pValue(), ks.d(), psi, w};
        }

        private static double[] toDouble(long[] counts) {
            return Arrays.stream(counts).asDoubleStream().toArray();
        }
    }
}
