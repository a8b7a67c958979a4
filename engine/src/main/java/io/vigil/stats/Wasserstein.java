package io.vigil.stats;

/**
 * First Wasserstein (earth mover's) distance between two empirical distributions,
 * W₁ = ∫|F_ref − F_cur| dx, as {@code scipy.stats.wasserstein_distance}; and its normalised form
 * W₁ / max(σ_ref, 0.001) with σ the population standard deviation (statistics.md).
 */
public final class Wasserstein {
    /** Floor of the normalising standard deviation, so a constant reference does not divide by 0. */
    public static final double MIN_SCALE = 0.001;

    private Wasserstein() {}

    /** W₁ of two sorted, non-empty samples: one merge pass over the pooled values. */
    public static double distance(double[] sortedA, double[] sortedB) {
        int n1 = sortedA.length;
        int n2 = sortedB.length;
        if (n1 == 0 || n2 == 0) throw new IllegalArgumentException("Wasserstein distance needs two non-empty samples");
        PairwiseSum area = new PairwiseSum();
        int i = 0;
        int j = 0;
        double previous = Math.min(sortedA[0], sortedB[0]);
        while (i < n1 || j < n2) {
            double v = j >= n2 || (i < n1 && sortedA[i] <= sortedB[j]) ? sortedA[i] : sortedB[j];
            if (v > previous) {
                double gap = Math.abs((double) i / n1 - (double) j / n2);
                area.add(gap * (v - previous));
            }
            while (i < n1 && sortedA[i] <= v) i++;
            while (j < n2 && sortedB[j] <= v) j++;
            previous = v;
        }
        return area.total();
    }

    /** W₁ divided by max(population std of the reference, 0.001). */
    public static double normalized(double[] sortedReference, double[] sortedCurrent) {
        return distance(sortedReference, sortedCurrent) / Math.max(populationStd(sortedReference), MIN_SCALE);
    }

    /** Population standard deviation (ddof 0), two-pass with pairwise sums as NumPy's {@code std}. */
    public static double populationStd(double[] values) {
        int n = values.length;
        double mean = PairwiseSum.of(values) / n;
        PairwiseSum squares = new PairwiseSum();
        for (double v : values) {
            double d = v - mean;
            squares.add(d * d);
        }
        return Math.sqrt(squares.total() / n);
    }
}
