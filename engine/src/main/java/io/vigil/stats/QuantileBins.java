package io.vigil.stats;

import java.util.Arrays;

/**
 * Numeric binning shared by PSI, KL, JS and Hellinger (statistics.md): interior edges at the
 * reference's deciles, computed exactly as {@code numpy.quantile(ref, k/10, method='linear')} so
 * edges match bit for bit; duplicate edges are dropped, the outer bins are open, and a value falls
 * in bin #{edges ≤ v}.
 */
public final class QuantileBins {
    /** Number of quantile bins before duplicate edges are merged. */
    public static final int BINS = 10;

    private QuantileBins() {}

    /** Interior edges (at most {@code BINS - 1}, strictly increasing) for a sorted, non-empty reference. */
    public static double[] edges(double[] sortedReference) {
        if (sortedReference.length == 0) throw new IllegalArgumentException("reference is empty");
        double[] edges = new double[BINS - 1];
        for (int k = 1; k < BINS; k++) edges[k - 1] = quantile(sortedReference, k / (double) BINS);
        Arrays.sort(edges);
        int kept = 1;
        for (int i = 1; i < edges.length; i++) {
            if (edges[i] != edges[kept - 1]) edges[kept++] = edges[i];
        }
        return Arrays.copyOf(edges, kept);
    }

    /**
     * NumPy's linear (Hyndman–Fan type 7) quantile of sorted data, with NumPy's two-sided lerp:
     * interpolating from the nearer end is what makes the result bit-identical.
     */
    public static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        double lo = Math.floor(h);
        int i = (int) lo;
        if (i >= sorted.length - 1) return sorted[sorted.length - 1];
        double g = h - lo;
        double a = sorted[i];
        double b = sorted[i + 1];
        double diff = b - a;
        return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
    }

    /** Per-bin counts of sorted values against interior edges: bin j is [edges[j-1], edges[j]). */
    public static long[] counts(double[] sortedValues, double[] edges) {
        long[] counts = new long[edges.length + 1];
        int previous = 0;
        for (int j = 0; j < edges.length; j++) {
            int below = lowerBound(sortedValues, edges[j]);
            counts[j] = below - previous;
            previous = below;
        }
        counts[edges.length] = sortedValues.length - previous;
        return counts;
    }

    /** The bin of one value: the number of edges ≤ v. */
    public static int binOf(double v, double[] edges) { return upperBound(edges, v); }

    /** Number of sorted values strictly below {@code x}. */
    static int lowerBound(double[] sorted, double x) { return countBelow(sorted, x, false); }

    /** Number of sorted values at or below {@code x}. */
    static int upperBound(double[] sorted, double x) { return countBelow(sorted, x, true); }

    private static int countBelow(double[] sorted, double x, boolean inclusive) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x || (inclusive && sorted[mid] == x)) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
