package io.vigil.stats.quality;

import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;

import static io.vigil.stats.quality.QualityFunction.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Small cases worked by hand (the arithmetic is in the comments). */
class QualityHandWorkedTest {
    private static final double NONE = Double.NaN;

    // scores 0.9 0.8 0.6 0.5 0.4 0.3 0.1, actual 1 0 1 – 1 0 0 (the 0.5 has no outcome yet), threshold 0.5:
    // predicted 1 1 1 1 0 0 0 → on the 6 pairs TP = 2 (0.9, 0.6), FP = 1 (0.8), FN = 1 (0.4), TN = 2 (0.3, 0.1)
    private final ClassificationRows rows = ClassificationRows.binary(
            new double[] {0.9, 0.8, 0.6, 0.5, 0.4, 0.3, 0.1},
            new boolean[] {true, true, true, true, false, false, false},
            new int[] {1, 0, 1, -1, 1, 0, 0},
            new double[] {10, 20, 40, NONE, 40, 60, 100});

    private double value(QualityFunction f) {
        return QualityMetrics.classification(f, rows, QualityArguments.DEFAULTS).value().orElse(NONE);
    }

    @Test
    void confusionMetrics() {
        assertThat(value(PREDICTIONS)).isEqualTo(7);
        assertThat(value(LABELLED)).isEqualTo(6);
        assertThat(value(LABEL_COVERAGE)).isEqualTo(6 / 7.0);
        assertThat(value(POSITIVE_RATE)).isEqualTo(4 / 7.0);   // every prediction counts, labelled or not
        assertThat(value(ACTUAL_RATE)).isEqualTo(3 / 6.0);
        assertThat(value(ACCURACY)).isEqualTo(4 / 6.0);        // (TP + TN) / 6
        assertThat(value(PRECISION)).isEqualTo(2 / 3.0);       // 2 / (2 + 1)
        assertThat(value(RECALL)).isEqualTo(2 / 3.0);          // 2 / (2 + 1)
        assertThat(value(F1)).isEqualTo(2 * 2 / (2 * 2 + 1 + 1.0));
        assertThat(value(FPR)).isEqualTo(1 / 3.0);             // 1 / (1 + 2)
        assertThat(value(SPECIFICITY)).isEqualTo(2 / 3.0);
        // positives 0.9 0.6 0.4 against negatives 0.8 0.3 0.1: 0.9 beats 3, 0.6 beats 2, 0.4 beats 2 → 7/9
        assertThat(value(AUC)).isEqualTo(7 / 9.0);
        // squared errors 0.01 0.64 0.16 0.36 0.09 0.01 = 1.27 over 6
        assertThat(value(BRIER)).isCloseTo(1.27 / 6, within(1e-15));
        // delays of the labelled 10 20 40 40 60 100: median (40 + 40) / 2
        assertThat(value(LABEL_DELAY)).isEqualTo(40);
        // q = 0.9: position 0.9·5 = 4.5, halfway from 60 to 100
        assertThat(QualityMetrics.classification(LABEL_DELAY, rows, QualityArguments.DEFAULTS.withQuantile(0.9)).value())
                .hasValue(80);
    }

    @Test
    void wilsonBoundOfAccuracy() {
        // 4 of 6, z = 1.959964: z²/n = 0.640243, centre (0.666667 + 0.320122) / 1.640243 = 0.601611,
        // half 1.959964 / 1.640243 · √(0.666667·0.333333/6 + 3.841459/144) = 1.194923 · 0.252416 = 0.301618
        QualityValue lower = QualityMetrics.classification(ACCURACY, rows,
                QualityArguments.DEFAULTS.withBound(QualityArguments.Side.LOWER, 0.95));
        assertThat(lower.value().getAsDouble()).isCloseTo(0.299993, within(2e-6));
        assertThat(lower.interval().upper()).isCloseTo(0.903229, within(2e-6));
        assertThat(lower.point()).hasValue(4 / 6.0);
    }

    @Test
    void undefinedDenominatorsHaveNoValue() {
        // nothing predicted positive: precision and F1 are 0/0; recall is 0 of 2
        ClassificationRows none = ClassificationRows.binary(new double[] {0.2, 0.3, 0.1},
                new boolean[] {false, false, false}, new int[] {1, 1, 0}, new double[3]);
        assertThat(QualityMetrics.classification(PRECISION, none, QualityArguments.DEFAULTS).value()).isEmpty();
        assertThat(QualityMetrics.classification(F1, none, QualityArguments.DEFAULTS).value()).isEmpty();
        assertThat(QualityMetrics.classification(RECALL, none, QualityArguments.DEFAULTS).value()).hasValue(0);
        // no joined pair: every metric of outcomes has no value, the counts do
        ClassificationRows unlabelled = ClassificationRows.binary(new double[] {0.7}, new boolean[] {true},
                new int[] {-1}, new double[] {NONE});
        assertThat(QualityMetrics.classification(ACCURACY, unlabelled, QualityArguments.DEFAULTS).value()).isEmpty();
        assertThat(QualityMetrics.classification(LABELLED, unlabelled, QualityArguments.DEFAULTS).value()).hasValue(0);
        assertThat(QualityMetrics.classification(POSITIVE_RATE, unlabelled, QualityArguments.DEFAULTS).value()).hasValue(1);
    }

    @Test
    void regression() {
        // actual 2 0 4, predicted 3 1 2: errors 1 1 −2
        RegressionRows r = new RegressionRows(new double[] {3, 1, 2, 9}, new double[] {2, 0, 4, NONE},
                new double[] {5, 6, 7, NONE});
        assertThat(QualityMetrics.regression(MAE, r, QualityArguments.DEFAULTS).value()).hasValue(4 / 3.0);
        assertThat(QualityMetrics.regression(BIAS, r, QualityArguments.DEFAULTS).value()).hasValue(0);
        assertThat(QualityMetrics.regression(RMSE, r, QualityArguments.DEFAULTS).value().getAsDouble())
                .isCloseTo(Math.sqrt(2), within(1e-15));                 // √(6/3)
        QualityValue mape = QualityMetrics.regression(MAPE, r, QualityArguments.DEFAULTS);
        assertThat(mape.value()).hasValue(50);                          // 100·(1/2 + 2/4)/2, actual 0 skipped
        assertThat(mape.excluded()).isEqualTo(1);
        // mean 2, SS_tot 0 + 4 + 4 = 8, SS_res 1 + 1 + 4 = 6
        assertThat(QualityMetrics.regression(R2, r, QualityArguments.DEFAULTS).value()).hasValue(0.25);
        // bias: mean 0, s = √((1 + 1 + 4)/2) = √3, t(2, 0.975) = 4.302653 → 0 − 4.302653·√3/√3
        QualityValue lower = QualityMetrics.regression(BIAS, r, QualityArguments.DEFAULTS.withBound(QualityArguments.Side.LOWER, 0.95));
        assertThat(lower.value().getAsDouble()).isCloseTo(-4.302653, within(1e-6));
    }

    @Test
    void hanleyMcNeil() {
        // A = 0.8, 10 positives, 20 negatives: Q1 = 0.8/1.2 = 0.666667, Q2 = 1.28/1.8 = 0.711111,
        // SE² = (0.16 + 9·0.026667 + 19·0.071111)/200 = 1.751111/200 → SE 0.093571; ± 1.959964·SE
        Interval i = Interval.hanleyMcNeil(0.8, 10, 20, 0.95);
        assertThat(i.lower()).isCloseTo(0.8 - 0.183396, within(2e-6));
        assertThat(Interval.hanleyMcNeil(0.99, 10, 20, 0.95).upper()).isEqualTo(1.0); // clipped
    }

    @Test
    void cbpeSmallCase() {
        // reference 0.1 0.2 0.3 0.4 with outcomes 0 1 0 1: PAVA pools 1, 0 into 0.5, 0.5 → 0 0.5 0.5 1
        IsotonicCalibration iso = IsotonicCalibration.fit(new double[] {0.2, 0.4}, new double[] {0.1, 0.3});
        assertThat(iso.fitted()).containsExactly(0, 0.5, 0.5, 1);
        // between points linearly, outside them the end values
        assertThat(iso.apply(0.15)).isCloseTo(0.25, within(1e-15));
        assertThat(iso.apply(0.25)).isCloseTo(0.5, within(1e-15));
        assertThat(iso.apply(0.35)).isCloseTo(0.75, within(1e-15));
        assertThat(iso.apply(0.05)).isEqualTo(0);
        assertThat(iso.apply(0.9)).isEqualTo(1);

        // window 0.9 0.35 0.15 0.05, threshold 0.5 → ŷ 1 0 0 0, p 1 0.75 0.25 0:
        // TP = 1, FP = 0, FN = 0.75 + 0.25 + 0 = 1, TN = 0.25 + 0.75 + 1 = 2
        ClassificationRows window = ClassificationRows.binary(new double[] {0.9, 0.35, 0.15, 0.05},
                new boolean[] {true, false, false, false}, new int[] {-1, -1, -1, -1}, new double[4]);
        DoubleUnaryOperator p = iso::apply;
        assertThat(QualityMetrics.estimate(ESTIMATED_ACCURACY, window, p).value().getAsDouble()).isCloseTo(0.75, within(1e-12));
        assertThat(QualityMetrics.estimate(ESTIMATED_PRECISION, window, p).value().getAsDouble()).isCloseTo(1, within(1e-12));
        assertThat(QualityMetrics.estimate(ESTIMATED_RECALL, window, p).value().getAsDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(QualityMetrics.estimate(ESTIMATED_F1, window, p).value().getAsDouble()).isCloseTo(2 / 3.0, within(1e-12));
        // expected ROC, ΣP = ΣN = 2: (0,0) (0,0.5) (0.125,0.875) (0.5,1) (1,1);
        // area 0.125·1.375/2 + 0.375·1.875/2 + 0.5·2/2 = 0.0859375 + 0.3515625 + 0.5
        assertThat(QualityMetrics.estimate(ESTIMATED_AUC, window, p).value().getAsDouble()).isCloseTo(0.9375, within(1e-12));
    }
}
