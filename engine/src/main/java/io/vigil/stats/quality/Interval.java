package io.vigil.stats.quality;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A two-sided confidence interval around a point value, as {@code bound=lower|upper} returns one end
 * of it (predictions.md §3).
 */
public record Interval(double lower, double upper, double confidence) {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    /** z = Φ⁻¹(1 − (1 − confidence)/2), e.g. 1.959964 for 0.95. */
    public static double z(double confidence) {
        return STANDARD_NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }

    /**
     * Wilson score interval for {@code successes} of {@code trials}: it stays inside [0, 1] and is not
     * degenerate at 0 or n successes, unlike the normal approximation. Null when there are no trials.
     */
    public static Interval wilson(double successes, double trials, double confidence) {
        if (trials <= 0) return null;
        double z = z(confidence);
        double p = successes / trials;
        double z2n = z * z / trials;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / trials + z2n / (4 * trials));
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half), confidence);
    }

    /**
     * Hanley–McNeil (1982) interval for a ROC AUC from its positives and negatives, clipped to [0, 1].
     * Null without both classes.
     */
    public static Interval hanleyMcNeil(double auc, long positives, long negatives, double confidence) {
        if (positives == 0 || negatives == 0) return null;
        double q1 = auc / (2 - auc);
        double q2 = 2 * auc * auc / (1 + auc);
        double variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc)
                + (negatives - 1) * (q2 - auc * auc)) / ((double) positives * negatives);
        double half = z(confidence) * Math.sqrt(Math.max(0, variance));
        return new Interval(Math.max(0, auc - half), Math.min(1, auc + half), confidence);
    }

    /**
     * Student's t interval for a mean: mean ± t(n−1) · s/√n with s the sample standard deviation
     * (n − 1 in the denominator). Null below two values, where s is undefined.
     */
    public static Interval studentT(double mean, double sampleStandardDeviation, long n, double confidence) {
        if (n < 2) return null;
        // the default solver accuracy (1e-9) is not enough for 1e-9 agreement with SciPy at small n
        double t = new TDistribution(null, n - 1, 1e-15).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double half = t * sampleStandardDeviation / Math.sqrt(n);
        return new Interval(mean - half, mean + half, confidence);
    }
}
