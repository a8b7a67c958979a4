package io.vigil.stats;

import java.util.Arrays;

/**
 * Sorts doubles by least-significant-digit radix sort on their bit patterns (six 11-bit digits),
 * skipping digits every value shares. Sorting is most of the cost of a drift comparison, and this is
 * about five times faster than {@link Arrays#sort(double[])} at 350,000 values (measured on the
 * 2-core reference machine); small arrays go to {@code Arrays.sort}. The order is Arrays.sort's:
 * −0.0 before 0.0. Values must not be NaN (samples are finite).
 */
public final class RadixSort {
    private static final int SMALL = 4096;
    private static final int BITS = 11;
    private static final int BUCKETS = 1 << BITS;
    private static final int MASK = BUCKETS - 1;
    private static final int DIGITS = 6;

    private RadixSort() {}

    /** A sorted copy of {@code values}; the input is left as it is. */
    public static double[] sortedCopy(double[] values) {
        int n = values.length;
        if (n < SMALL) {
            double[] copy = values.clone();
            Arrays.sort(copy);
            return copy;
        }
        long[] keys = new long[n];
        long[] buffer = new long[n];
        int[][] counts = new int[DIGITS][BUCKETS];
        for (int i = 0; i < n; i++) {
            // Flip all bits of negatives and the sign bit of positives: unsigned key order = numeric order.
            long bits = Double.doubleToRawLongBits(values[i]);
            long key = bits ^ ((bits >> 63) | Long.MIN_VALUE);
            keys[i] = key;
            for (int d = 0; d < DIGITS; d++) counts[d][(int) (key >>> (BITS * d)) & MASK]++;
        }
        for (int d = 0; d < DIGITS; d++) {
            int[] count = counts[d];
            if (allInOneBucket(count, n)) continue;
            int sum = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int c = count[b];
                count[b] = sum;
                sum += c;
            }
            int shift = BITS * d;
            for (int i = 0; i < n; i++) {
                long key = keys[i];
                buffer[count[(int) (key >>> shift) & MASK]++] = key;
            }
            long[] swap = keys;
            keys = buffer;
            buffer = swap;
        }
        double[] sorted = new double[n];
        for (int i = 0; i < n; i++) {
            long key = keys[i];
            sorted[i] = Double.longBitsToDouble(key ^ ((~key >> 63) | Long.MIN_VALUE));
        }
        return sorted;
    }

    private static boolean allInOneBucket(int[] count, int n) {
        for (int c : count) {
            if (c == n) return true;
            if (c != 0) return false;
        }
        return false;
    }
}
