package io.vigil.stats;

/**
 * Expected calibration error over B equal-width bins (e_b, e_{b+1}] with edges b·(1/B) as NumPy's
 * {@code linspace} makes them (so 0.3 falls in (0.2, 0.30000000000000004]), 0 placed in bin 0:
 * Σ (n_b/N)·|accuracy_b − confidence_b| over non-empty bins.
 *
 * @param value     the ECE
 * @param binCounts observations per bin
 */
public record CalibrationError(double value, long[] binCounts) {

    /**
     * ECE of confidences against outcomes: {@code outcome[i]} is 1 when the event (or the predicted
     * label) was right, 0 otherwise.
     */
    public static CalibrationError of(double[] confidence, double[] outcome, int bins) {
        double[] edges = new double[bins - 1];
        double step = 1.0 / bins;
        for (int b = 1; b < bins; b++) edges[b - 1] = b * step;
        long[] counts = new long[bins];
        double[] sumConfidence = new double[bins];
        double[] sumOutcome = new double[bins];
        for (int i = 0; i < confidence.length; i++) {
            int b = QuantileBins.lowerBound(edges, confidence[i]); // bins are closed on the right
            counts[b]++;
            sumConfidence[b] += confidence[i];
            sumOutcome[b] += outcome[i];
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (counts[b] == 0) continue;
            double gap = Math.abs(sumOutcome[b] / counts[b] - sumConfidence[b] / counts[b]);
            ece += (double) counts[b] / confidence.length * gap;
        }
        return new CalibrationError(ece, counts);
    }

    /** Binary ECE: the positive-class probability against the observed frequency (sklearn's calibration_curve). */
    public static CalibrationError binary(int[] actual, double[] positiveProbability, int bins) {
        double[] outcome = new double[actual.length];
        for (int i = 0; i < actual.length; i++) outcome[i] = actual[i] == 1 ? 1 : 0;
        return of(positiveProbability, outcome, bins);
    }

    /** Top-label ECE: the highest class probability against whether its class (the first maximum) was right. */
    public static CalibrationError topLabel(int[] actual, double[][] probabilities, int bins) {
        double[] confidence = new double[actual.length];
        double[] outcome = new double[actual.length];
        for (int i = 0; i < actual.length; i++) {
            int top = argmax(probabilities[i]);
            confidence[i] = probabilities[i][top];
            outcome[i] = top == actual[i] ? 1 : 0;
        }
        return of(confidence, outcome, bins);
    }

    /**
     * Top-label ECE of a binary classifier: confidence max(p, 1−p) in the label it predicts, which is 1
     * when p ≥ 0.5 (so a score of exactly 0.5 predicts 1, as for accuracy and F1).
     */
    public static CalibrationError binaryTopLabel(int[] actual, double[] positiveProbability, int bins) {
        double[] confidence = new double[actual.length];
        double[] outcome = new double[actual.length];
        for (int i = 0; i < actual.length; i++) {
            double p = positiveProbability[i];
            int predicted = p >= BinaryClassificationMetrics.THRESHOLD ? 1 : 0;
            confidence[i] = Math.max(p, 1 - p);
            outcome[i] = predicted == actual[i] ? 1 : 0;
        }
        return of(confidence, outcome, bins);
    }

    /** Index of the first largest entry. */
    static int argmax(double[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
        return best;
    }
}
