package io.vigil.stats.quality;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * CBPE's promise (predictions.md §4): when the calibrated probabilities are the true rates, the
 * estimates equal the realized metrics up to sampling error. 200,000 predictions: the accuracy
 * estimate's error has a standard deviation of √(Σ p(1−p))/n ≈ 0.0009, so 0.005 is more than 5 SD.
 */
class CbpePropertyTest {
    private static final int N = 200_000;

    /** Draws predictions whose true positive rate is {@code rate(score)}; all labelled. */
    private static ClassificationRows draw(SplittableRandom random, DoubleUnaryOperator rate) {
        double[] score = new double[N];
        boolean[] predicted = new boolean[N];
        int[] actual = new int[N];
        for (int i = 0; i < N; i++) {
            score[i] = Math.round(random.nextDouble() * 1000) / 1000.0; // ties, as real scores have
            predicted[i] = score[i] >= 0.5;
            actual[i] = random.nextDouble() < rate.applyAsDouble(score[i]) ? 1 : 0;
        }
        return ClassificationRows.binary(score, predicted, actual, new double[N]);
    }

    private static void estimatesMatchRealized(ClassificationRows current, DoubleUnaryOperator calibration) {
        QualityFunction[][] pairs = {
                {QualityFunction.ESTIMATED_ACCURACY, QualityFunction.ACCURACY},
                {QualityFunction.ESTIMATED_PRECISION, QualityFunction.PRECISION},
                {QualityFunction.ESTIMATED_RECALL, QualityFunction.RECALL},
                {QualityFunction.ESTIMATED_F1, QualityFunction.F1},
                {QualityFunction.ESTIMATED_AUC, QualityFunction.AUC}};
        for (QualityFunction[] pair : pairs) {
            double estimate = QualityMetrics.estimate(pair[0], current, calibration).value().getAsDouble();
            double realized = QualityMetrics.classification(pair[1], current, QualityArguments.DEFAULTS).value().getAsDouble();
            assertThat(estimate).as("%s vs realized %s", pair[0], pair[1]).isCloseTo(realized, within(0.006));
        }
    }

    @Test
    void calibratedScoresEstimateTheRealizedMetrics() {
        ClassificationRows current = draw(new SplittableRandom(7), s -> s);
        estimatesMatchRealized(current, DoubleUnaryOperator.identity());
    }

    @Test
    void isotonicCalibrationOnTheReferenceRepairsMiscalibratedScores() {
        DoubleUnaryOperator rate = s -> s * s; // the model is over-confident: the true rate is score²
        ClassificationRows reference = draw(new SplittableRandom(11), rate);
        ClassificationRows current = draw(new SplittableRandom(12), rate);
        IsotonicCalibration iso = QualityMetrics.calibration(reference);
        estimatesMatchRealized(current, iso::apply);
        // uncalibrated, precision is estimated as E[s | s ≥ 0.5] = 0.75 while it is E[s² | s ≥ 0.5] = 0.583
        double naive = QualityMetrics.estimate(QualityFunction.ESTIMATED_PRECISION, current, DoubleUnaryOperator.identity())
                .value().getAsDouble();
        double realized = QualityMetrics.classification(QualityFunction.PRECISION, current, QualityArguments.DEFAULTS)
                .value().getAsDouble();
        assertThat(naive - realized).isCloseTo(0.75 - 7 / 12.0, within(0.01));
    }
}
