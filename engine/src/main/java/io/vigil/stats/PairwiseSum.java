package io.vigil.stats;

/**
 * Pairwise (cascade) summation, as NumPy's {@code sum} does: rounding error grows with log n instead
 * of n, which keeps sums over millions of terms within the reference tolerances (statistics.md).
 * Use {@link #of} for an array, or an instance to sum a stream of terms.
 */
public final class PairwiseSum {
    private static final int BLOCK = 128;

    private final double[] block = new double[BLOCK];
    private int filled;
    /** partial[k] holds the sum of 2^k full blocks while present[k] is set. */
    private final double[] partial = new double[64];
    private final boolean[] present = new boolean[64];

    /** The pairwise sum of {@code values[from, to)}. */
    public static double of(double[] values, int from, int to) {
        int n = to - from;
        if (n < 8) {
            double res = 0.0;
            for (int i = from; i < to; i++) res += values[i];
            return res;
        }
        if (n <= BLOCK) {
            double r0 = values[from], r1 = values[from + 1], r2 = values[from + 2], r3 = values[from + 3];
            double r4 = values[from + 4], r5 = values[from + 5], r6 = values[from + 6], r7 = values[from + 7];
            int i = from + 8;
            int end = to - (n % 8);
            for (; i < end; i += 8) {
                r0 += values[i]; r1 += values[i + 1]; r2 += values[i + 2]; r3 += values[i + 3];
                r4 += values[i + 4]; r5 += values[i + 5]; r6 += values[i + 6]; r7 += values[i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < to; i++) res += values[i];
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return of(values, from, from + half) + of(values, from + half, to);
    }

    /** The pairwise sum of all of {@code values}. */
    public static double of(double[] values) { return of(values, 0, values.length); }

    /** Adds one term. */
    public void add(double value) {
        block[filled++] = value;
        if (filled == BLOCK) {
            carry(of(block, 0, BLOCK));
            filled = 0;
        }
    }

    // Merges equal-sized partial sums like a binary counter, so every addition pairs sums of equal weight.
    private void carry(double sum) {
        int level = 0;
        while (present[level]) {
            sum = partial[level] + sum;
            present[level] = false;
            level++;
        }
        partial[level] = sum;
        present[level] = true;
    }

    /** The sum of every term added so far. */
    public double total() {
        double sum = of(block, 0, filled);
        for (int level = 0; level < partial.length; level++) {
            if (present[level]) sum = partial[level] + sum;
        }
        return sum;
    }
}
