package io.vigil.stats;

/**
 * Log loss (cross-entropy), natural log, mean over rows, as scikit-learn 1.2 computes it: probabilities
 * clipped to [ε, 1−ε], then each row divided by its sum (a binary row is [1 − p, p]), so a confident
 * miss costs about 36 (ε = 2.22e-16) or 34.5 (ε = 1e-15) rather than infinity, and multiclass
 * probabilities that sum to 1 ± 1e-6 count as if they summed to 1.
 */
public final class LogLoss {
    /** The default clipping bound: {@code Math.ulp(1.0)} (statistics.md). */
    public static final double EPSILON = Math.ulp(1.0);
    /** The clipping bound of the rule language's {@code log_loss} (predictions.md §3). */
    public static final double QUALITY_EPSILON = 1e-15;

    private LogLoss() {}

    /** Binary log loss of positive-class probabilities, clipped at {@link #EPSILON}. */
    public static double binary(int[] actual, double[] positiveProbability) {
        return binary(actual, positiveProbability, EPSILON);
    }

    /** Binary log loss of positive-class probabilities clipped at {@code epsilon}. */
    public static double binary(int[] actual, double[] positiveProbability, double epsilon) {
        PairwiseSum sum = new PairwiseSum();
        for (int i = 0; i < actual.length; i++) {
            double p = clip(positiveProbability[i], epsilon);
            double q = 1 - p;
            sum.add(-Math.log((actual[i] == 1 ? p : q) / (q + p)));
        }
        return sum.total() / actual.length;
    }

    /** Multiclass log loss clipped at {@link #EPSILON}; {@code probabilities[i][k]} is row i's probability of class k. */
    public static double multiclass(int[] actual, double[][] probabilities) {
        return multiclass(actual, probabilities, EPSILON);
    }

    /** Multiclass log loss clipped at {@code epsilon}; a row's true class outside its columns counts as probability ε. */
    public static double multiclass(int[] actual, double[][] probabilities, double epsilon) {
        PairwiseSum sum = new PairwiseSum();
        for (int i = 0; i < actual.length; i++) {
            double[] row = probabilities[i];
            double total = 0;
            for (double p : row) total += clip(p, epsilon);
            double mine = actual[i] < row.length ? clip(row[actual[i]], epsilon) : epsilon;
            sum.add(-Math.log(mine / total));
        }
        return sum.total() / actual.length;
    }

    private static double clip(double p, double epsilon) { return Math.min(1 - epsilon, Math.max(epsilon, p)); }
}
