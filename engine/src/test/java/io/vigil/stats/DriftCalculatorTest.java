package io.vigil.stats;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.DoubleStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The drift report's behaviour beyond the reference vectors: nulls, few-valued numeric features,
 * small samples, histograms, mismatched or empty sides. Expected numbers come from SciPy
 * (chi2_contingency without correction, jensenshannon base 2) or are worked out by hand.
 */
class DriftCalculatorTest {

    private static double[] repeat(double value, int times) {
        return DoubleStream.generate(() -> value).limit(times).toArray();
    }

    private static double[] concat(double[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToDouble(DoubleStream::of).toArray();
    }

    private static double[] normal(long seed, int n, double shift) {
        java.util.Random random = new java.util.Random(seed);
        return DoubleStream.generate(() -> random.nextGaussian() + shift).limit(n).toArray();
    }

    private static double value(DriftReport report, Statistic s) {
        assertThat(report.get(s)).as(s.languageName()).isInstanceOf(StatValue.Value.class);
        return report.value(s).getAsDouble();
    }

    @Test
    void nullsCountOnlyTowardTheNullRate() {
        double[] ref = normal(1, 400, 0);
        DriftReport withNulls = DriftCalculator.compare(new FeatureSample.Numeric(ref, 0),
                new FeatureSample.Numeric(ref.clone(), 100));
        assertThat(value(withNulls, Statistic.NULL_RATE)).isEqualTo(0.2);
        assertThat(value(withNulls, Statistic.PSI)).isZero();
        assertThat(value(withNulls, Statistic.KS_PVALUE)).isEqualTo(1.0);
        assertThat(withNulls.detected()).isFalse();
        assertThat(withNulls.currentRows()).isEqualTo(500);
    }

    @Test
    void numericFeatureWithThreeValuesIsTestedWithChiSquare() {
        FeatureSample ref = new FeatureSample.Numeric(concat(repeat(1, 30), repeat(2, 40), repeat(3, 30)), 0);
        FeatureSample cur = new FeatureSample.Numeric(concat(repeat(1, 50), repeat(2, 30), repeat(3, 20)), 0);
        DriftReport report = DriftCalculator.compare(ref, cur);

        assertThat(report.method()).isEqualTo(DriftMethod.CHI2);
        assertThat(value(report, Statistic.CHI2_PVALUE)).isCloseTo(0.01478287719483942, within(1e-15));
        assertThat(value(report, Statistic.DRIFT)).isEqualTo(value(report, Statistic.CHI2_PVALUE));
        assertThat(report.detected()).isTrue();
    }

    @Test
    void binaryNumericFeatureUsesTheZTestOnItsSmallerValue() {
        FeatureSample ref = new FeatureSample.Numeric(concat(repeat(0, 140), repeat(1, 60)), 0);
        FeatureSample cur = new FeatureSample.Numeric(concat(repeat(0, 100), repeat(1, 100)), 0);
        DriftReport report = DriftCalculator.compare(ref, cur);

        assertThat(report.method()).isEqualTo(DriftMethod.Z);
        assertThat(value(report, Statistic.DRIFT)).isCloseTo(4.45570906040563e-05, within(1e-18));
        assertThat(TwoProportionZTest.test(140, 200, 100, 200).z()).isCloseTo(4.0824829046386295, within(1e-14));
    }

    @Test
    void largeFewValuedNumericFeatureUsesJsOverItsValues() {
        FeatureSample ref = new FeatureSample.Numeric(concat(repeat(1, 400), repeat(2, 500), repeat(3, 300)), 0);
        FeatureSample cur = new FeatureSample.Numeric(concat(repeat(1, 300), repeat(2, 300), repeat(3, 400)), 0);
        DriftReport report = DriftCalculator.compare(ref, cur);

        assertThat(report.method()).isEqualTo(DriftMethod.JS);
        assertThat(value(report, Statistic.DRIFT)).isCloseTo(0.14181587672048548, within(1e-12));
        assertThat(report.detected()).isTrue();
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void largeNumericFeatureUsesWassersteinUnlessTheWindowIsSmall() {
        double[] ref = normal(2, 5000, 0);
        DriftReport big = DriftCalculator.compare(new FeatureSample.Numeric(ref, 0),
                new FeatureSample.Numeric(normal(3, 5000, 0.5), 0));
        assertThat(big.method()).isEqualTo(DriftMethod.WASSERSTEIN);
        assertThat(big.warnings()).isEmpty();

        // 9 · (1/5000 + 1/50) = 0.18 > 0.05: PSI-sized noise, so drift falls back to the KS p-value.
        DriftReport small = DriftCalculator.compare(new FeatureSample.Numeric(ref, 0),
                new FeatureSample.Numeric(normal(4, 50, 0), 0));
        assertThat(small.method()).isEqualTo(DriftMethod.KS);
        assertThat(value(small, Statistic.DRIFT)).isEqualTo(value(small, Statistic.KS_PVALUE));
        assertThat(small.warnings()).anyMatch(w -> w.contains("samples too small for a fixed PSI threshold")
                && w.contains("0.182"));
        assertThat(small.warnings()).anyMatch(w -> w.contains("drift uses the ks test instead of wasserstein"));
    }

    @Test
    void histogramCurrentGivesBinnedStatisticsButNeverKsOrWasserstein() {
        double[] ref = DoubleStream.iterate(0.5, v -> v + 1).limit(100).toArray(); // 0.5 … 99.5
        FeatureSample.Histogram cur = new FeatureSample.Histogram(new double[] {0, 50, 100}, new long[] {25, 75}, 5);
        DriftReport report = DriftCalculator.compare(new FeatureSample.Numeric(ref, 0), cur);

        for (Statistic s : new Statistic[] {Statistic.KS, Statistic.KS_PVALUE, Statistic.WASSERSTEIN, Statistic.MEAN}) {
            assertThat(report.get(s)).as(s.languageName()).isInstanceOfSatisfying(StatValue.Unavailable.class,
                    u -> assertThat(u.reason()).contains("histogram"));
        }
        // Reference deciles (type 7) are 10.4, 20.3, …, 50.0, …, 89.6; spreading 25 over [0, 50) and 75 over
        // [50, 100) evenly gives each bin its width's share.
        double[] curCounts = HistogramRebinning.onto(cur, QuantileBins.edges(ref));
        assertThat(curCounts).containsExactly(new double[] {5.2, 4.95, 4.95, 4.95, 4.95, 14.85, 14.85, 14.85, 14.85, 15.6},
                within(1e-9));
        assertThat(value(report, Statistic.PSI)).isEqualTo(BinDistances.psi(repeat(10, 10), curCounts));
        assertThat(report.method()).isEqualTo(DriftMethod.CHI2);
        assertThat(report.warnings()).anyMatch(w -> w.contains("drift uses chi2 on the baseline's bins"));
        // mass in [0, 0.5) and (99.5, 100]: 0.5/50·25 + 0.5/50·75 = 1 of 100
        assertThat(value(report, Statistic.OUT_OF_RANGE_RATE)).isCloseTo(0.01, within(1e-15));
        assertThat(value(report, Statistic.NULL_RATE)).isEqualTo(5.0 / 105);
    }

    @Test
    void histogramRebinningSplitsByWidthAndKeepsPointMasses() {
        FeatureSample.Histogram h = new FeatureSample.Histogram(new double[] {0, 10, 20}, new long[] {10, 20}, 0);
        assertThat(HistogramRebinning.onto(h, new double[] {5, 15})).containsExactly(5, 15, 10);
        FeatureSample.Histogram point = new FeatureSample.Histogram(new double[] {5, 5, 8}, new long[] {4, 6}, 0);
        assertThat(HistogramRebinning.onto(point, new double[] {5, 6})).containsExactly(0, 6, 4);
        assertThat(HistogramRebinning.shareOutside(h, 5, 20)).isCloseTo(5.0 / 30, within(1e-15));
    }

    @Test
    void outOfRangeRateCountsCurrentValuesOutsideTheReferenceRange() {
        DriftReport report = DriftCalculator.compare(new FeatureSample.Numeric(new double[] {0, 4, 10}, 0),
                new FeatureSample.Numeric(new double[] {-1, 0, 5, 10, 11, 12}, 0));
        assertThat(value(report, Statistic.OUT_OF_RANGE_RATE)).isEqualTo(0.5);
        assertThat(value(report, Statistic.MEAN)).isEqualTo(37.0 / 6);
    }

    @Test
    void categoricalFeatureReportsUnseenRateAndNullsForNumericOnlyStatistics() {
        FeatureSample ref = new FeatureSample.Categorical(Map.of("EU", 60L, "US", 40L), 0);
        FeatureSample cur = new FeatureSample.Categorical(Map.of("EU", 50L, "US", 30L, "APAC", 20L), 25);
        DriftReport report = DriftCalculator.compare(ref, cur);

        assertThat(value(report, Statistic.UNSEEN_RATE)).isEqualTo(0.2);
        assertThat(value(report, Statistic.NULL_RATE)).isEqualTo(0.2);
        assertThat(report.method()).isEqualTo(DriftMethod.CHI2);
        assertThat(report.get(Statistic.KS)).isInstanceOf(StatValue.NotApplicable.class);
        assertThat(report.get(Statistic.OUT_OF_RANGE_RATE)).isInstanceOf(StatValue.NotApplicable.class);
    }

    @Test
    void numericAgainstCategoricalIsAnErrorNotANumber() {
        DriftReport report = DriftCalculator.compare(new FeatureSample.Numeric(new double[] {1, 2}, 0),
                new FeatureSample.Categorical(Map.of("a", 2L), 0));
        assertThat(report.method()).isNull();
        assertThat(report.detected()).isFalse();
        assertThat(report.get(Statistic.DRIFT_DETECTED)).isInstanceOfSatisfying(StatValue.Unavailable.class,
                u -> assertThat(u.reason()).isEqualTo("the reference is numeric but the current data is categorical"));
    }

    @Test
    void anAllNullWindowHasANullRateAndNothingElse() {
        DriftReport report = DriftCalculator.compare(new FeatureSample.Numeric(new double[] {1, 2, 3}, 0),
                new FeatureSample.Numeric(new double[0], 7));
        assertThat(value(report, Statistic.NULL_RATE)).isEqualTo(1.0);
        assertThat(report.get(Statistic.PSI)).isInstanceOfSatisfying(StatValue.Unavailable.class,
                u -> assertThat(u.reason()).isEqualTo("the current data has no non-null values"));
        assertThat(report.method()).isNull();
    }

    @Test
    void preparingASampleLeavesTheCallersArrayAlone() {
        double[] values = {3, 1, 2};
        PreparedSample.of(new FeatureSample.Numeric(values, 0));
        assertThat(values).containsExactly(3, 1, 2);
    }
}
