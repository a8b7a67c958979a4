package io.vigil.bench;

import io.vigil.stats.quality.ClassificationRows;
import io.vigil.stats.quality.IsotonicCalibration;
import io.vigil.stats.quality.QualityArguments;
import io.vigil.stats.quality.QualityFunction;
import io.vigil.stats.quality.QualityMetrics;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The statistics part of issue 11's evaluation benchmark, in memory: {@code accuracy by (segment)}
 * over 50 segments, {@code auc} and {@code estimated_accuracy} (isotonic calibration fitted on a
 * reference of the same size) over n binary predictions, 70 % labelled, scores with 3 decimals.
 * Reading the pairs from the store is measured separately (bench/ engine benchmarks).
 * Run: bench/quality-stats.sh (figures in docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class QualityStatisticsBenchmark {
    @Param({"1000000"})
    int n;

    static final int SEGMENTS = 50;

    ClassificationRows window;
    ClassificationRows reference;
    int[] segment;

    @Setup
    public void generate() {
        SplittableRandom random = new SplittableRandom(42);
        window = draw(random);
        reference = draw(random);
        segment = new int[n];
        for (int i = 0; i < n; i++) segment[i] = random.nextInt(SEGMENTS);
    }

    private ClassificationRows draw(SplittableRandom random) {
        double[] score = new double[n];
        boolean[] predicted = new boolean[n];
        int[] actual = new int[n];
        double[] delay = new double[n];
        for (int i = 0; i < n; i++) {
            score[i] = Math.round(random.nextDouble() * 1000) / 1000.0;
            predicted[i] = score[i] >= 0.5;
            boolean labelled = random.nextDouble() < 0.7;
            actual[i] = labelled ? (random.nextDouble() < score[i] * score[i] ? 1 : 0) : -1;
            delay[i] = labelled ? random.nextInt(86400) : Double.NaN;
        }
        return ClassificationRows.binary(score, predicted, actual, delay);
    }

    /** Splits the window by segment (as {@code by (segment)} does), then accuracy per segment. */
    @Benchmark
    public double accuracyBySegment() {
        double sum = 0;
        for (ClassificationRows rows : bySegment()) {
            sum += QualityMetrics.classification(QualityFunction.ACCURACY, rows, QualityArguments.DEFAULTS).value().orElse(0);
        }
        return sum;
    }

    @Benchmark
    public double auc() {
        return QualityMetrics.classification(QualityFunction.AUC, window, QualityArguments.DEFAULTS).value().orElse(0);
    }

    /** Calibration fitted on the reference, then the expected confusion matrix of the window. */
    @Benchmark
    public double estimatedAccuracy() {
        IsotonicCalibration iso = QualityMetrics.calibration(reference);
        return QualityMetrics.estimate(QualityFunction.ESTIMATED_ACCURACY, window, iso::apply).value().orElse(0);
    }

    /** All three, as one evaluation of the three rules computes them. */
    @Benchmark
    public double allThree() {
        return accuracyBySegment() + auc() + estimatedAccuracy();
    }

    private ClassificationRows[] bySegment() {
        int[] counts = new int[SEGMENTS];
        for (int s : segment) counts[s]++;
        double[][] score = new double[SEGMENTS][];
        boolean[][] predicted = new boolean[SEGMENTS][];
        int[][] actual = new int[SEGMENTS][];
        double[][] delay = new double[SEGMENTS][];
        for (int s = 0; s < SEGMENTS; s++) {
            score[s] = new double[counts[s]];
            predicted[s] = new boolean[counts[s]];
            actual[s] = new int[counts[s]];
            delay[s] = new double[counts[s]];
        }
        int[] fill = new int[SEGMENTS];
        double[] allScore = window.scores()[1];
        for (int i = 0; i < n; i++) {
            int s = segment[i];
            int j = fill[s]++;
            score[s][j] = allScore[i];
            predicted[s][j] = window.predicted()[i] == 1;
            actual[s][j] = window.actual()[i];
            delay[s][j] = window.delaySeconds()[i];
        }
        ClassificationRows[] out = new ClassificationRows[SEGMENTS];
        for (int s = 0; s < SEGMENTS; s++) out[s] = ClassificationRows.binary(score[s], predicted[s], actual[s], delay[s]);
        return out;
    }
}
