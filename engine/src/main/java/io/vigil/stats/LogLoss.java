package io.vigil.stats;

/**
 * Log loss (cross-entropy), natural log, mean over rows, with probabilities clipped to [ε, 1−ε],
 * ε = 2.22e-16 (double machine epsilon), so a confident miss costs about 36 rather than infinity.
 */
public final class LogLoss {
    /** The clipping bound: {@code Math.ulp(1.0)}. */
    public static final double EPSILON = Math.ulp(1.0);

    private LogLoss() {}

    /** Binary log loss of positive-class probabilities. */
    public static double binary(int[] actual, double[] positiveProbability) {
        PairwiseSum sum = new PairwiseSum();
        for (int i = 0; i < actual.length; i++) {
            double p = clip(positiveProbability[i]);
            sum.add(-(actual[i] == 1 ? Math.log(p) : Math.log(1 - p)));
        }
        return sum.total() / actual.length;
    }

    /** Multiclass log loss; {@code probabilities[i][k]} is row i's probability of class k (no renormalisation). */
    public static double multiclass(int[] actual, double[][] probabilities) {
        PairwiseSum sum = new PairwiseSum();
        for (int i = 0; i < actual.length; i++) sum.add(-Math.log(clip(probabilities[i][actual[i]])));
        return sum.total() / actual.length;
    }

    private static double clip(double p) { return Math.min(1 - EPSILON, Math.max(EPSILON, p)); }
}
