package io.vigil.stats.quality;

/**
 * The predictions of a classifier in one window (and group), each with the outcome known at T:
 * classes are indexes (binary: 1 = the positive class, 0 = any other), an actual of −1 means no
 * outcome yet. {@code scores[c][i]} is row i's probability of class c (binary: column 0 is 1 − score),
 * NaN when the row has none; {@code scores} is null when no row has any.
 *
 * @param delaySeconds outcome time − prediction time per labelled row (NaN when unlabelled)
 */
public record ClassificationRows(ModelKind kind, int classCount, int[] predicted, int[] actual,
                                 double[][] scores, double[] delaySeconds) {

    public ClassificationRows {
        if (kind == ModelKind.REGRESSION) throw new IllegalArgumentException("a regression model has no classes");
        int n = predicted.length;
        if (actual.length != n || delaySeconds.length != n) {
            throw new IllegalArgumentException(n + " predictions but " + actual.length + " actuals and "
                    + delaySeconds.length + " delays");
        }
        if (scores != null && scores.length != classCount) {
            throw new IllegalArgumentException(scores.length + " score columns for " + classCount + " classes");
        }
    }

    /** Binary rows from positive-class scores (NaN for none) and the predicted and actual classes. */
    public static ClassificationRows binary(double[] score, boolean[] predictedPositive, int[] actual,
                                            double[] delaySeconds) {
        int n = score.length;
        int[] predicted = new int[n];
        double[] negative = new double[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = predictedPositive[i] ? 1 : 0;
            negative[i] = 1 - score[i];
        }
        return new ClassificationRows(ModelKind.BINARY, 2, predicted, actual, new double[][] {negative, score},
                delaySeconds);
    }

    /** Number of predictions. */
    public int size() { return predicted.length; }

    /** Number of predictions with an outcome. */
    public long labelled() {
        long n = 0;
        for (int a : actual) if (a >= 0) n++;
        return n;
    }
}
