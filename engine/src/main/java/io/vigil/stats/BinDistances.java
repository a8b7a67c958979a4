package io.vigil.stats;

/**
 * Distances between two binned distributions given as per-bin counts over the same bins (statistics.md):
 * PSI, KL, JS distance, Hellinger and L∞. Counts may be fractional (re-bucketed histograms); they are
 * turned into proportions by dividing by their total.
 */
public final class BinDistances {
    /** Replaces an empty bin's proportion in PSI and KL. */
    public static final double EPSILON = 1e-4;

    private BinDistances() {}

    /** Proportions: count / total. */
    static double[] proportions(double[] counts) {
        double total = 0;
        for (double c : counts) total += c;
        double[] p = new double[counts.length];
        for (int i = 0; i < counts.length; i++) p[i] = counts[i] / total;
        return p;
    }

    private static double[] withEpsilon(double[] p) {
        double[] filled = p.clone();
        for (int i = 0; i < filled.length; i++) if (filled[i] == 0) filled[i] = EPSILON;
        return filled;
    }

    /** Population stability index Σ(q−p)·ln(q/p), zeros replaced by ε, no renormalisation. */
    public static double psi(double[] referenceCounts, double[] currentCounts) {
        double[] p = withEpsilon(proportions(referenceCounts));
        double[] q = withEpsilon(proportions(currentCounts));
        double[] terms = new double[p.length];
        for (int i = 0; i < p.length; i++) terms[i] = (q[i] - p[i]) * Math.log(q[i] / p[i]);
        return PairwiseSum.of(terms);
    }

    /** KL(reference‖current), natural log, after the ε fill and renormalisation (scipy.stats.entropy). */
    public static double kl(double[] referenceCounts, double[] currentCounts) {
        double[] p = proportions(withEpsilon(proportions(referenceCounts)));
        double[] q = proportions(withEpsilon(proportions(currentCounts)));
        double[] terms = new double[p.length];
        for (int i = 0; i < p.length; i++) terms[i] = relativeEntropy(p[i], q[i]);
        return PairwiseSum.of(terms);
    }

    /** Jensen–Shannon distance, log base 2, no ε: in [0, 1]. */
    public static double js(double[] referenceCounts, double[] currentCounts) {
        double[] p = proportions(referenceCounts);
        double[] q = proportions(currentCounts);
        double[] left = new double[p.length];
        double[] right = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2.0;
            left[i] = relativeEntropy(p[i], m);
            right[i] = relativeEntropy(q[i], m);
        }
        double divergence = (PairwiseSum.of(left) + PairwiseSum.of(right)) / Math.log(2);
        return Math.sqrt(divergence / 2.0);
    }

    /** Hellinger distance in the Euclidean form √(½Σ(√p−√q)²), accurate near 0 unlike √(1−BC). */
    public static double hellinger(double[] referenceCounts, double[] currentCounts) {
        double[] p = proportions(referenceCounts);
        double[] q = proportions(currentCounts);
        double[] terms = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double d = Math.sqrt(p[i]) - Math.sqrt(q[i]);
            terms[i] = d * d;
        }
        return Math.sqrt(0.5 * PairwiseSum.of(terms));
    }

    /** L∞: the largest absolute difference of proportions. */
    public static double linf(double[] referenceCounts, double[] currentCounts) {
        double[] p = proportions(referenceCounts);
        double[] q = proportions(currentCounts);
        double max = 0;
        for (int i = 0; i < p.length; i++) max = Math.max(max, Math.abs(p[i] - q[i]));
        return max;
    }

    // x·ln(x/y) with 0·ln(0/y) = 0, as scipy.special.rel_entr.
    private static double relativeEntropy(double x, double y) {
        if (x == 0) return 0;
        return x * Math.log(x / y);
    }
}
