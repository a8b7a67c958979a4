package io.vigil.stats;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One feature's data on one side of a comparison (a baseline or a window): raw numeric values,
 * category counts, or a histogram, each with the number of nulls seen beside them.
 *
 * <p>Arrays are handed over, not copied: a caller must not change an array after building a sample
 * from it (a 350,000-row column would otherwise be copied once per statistic).
 */
public sealed interface FeatureSample permits FeatureSample.Numeric, FeatureSample.Categorical, FeatureSample.Histogram {

    /** Number of null (missing) entries. */
    long nulls();

    /** Number of non-null observations (for a histogram, the sum of its counts). */
    long size();

    /** All rows, nulls included. */
    default long rows() { return size() + nulls(); }

    /** Raw numeric values, all finite. */
    record Numeric(double[] values, long nulls) implements FeatureSample {
        public Numeric {
            Objects.requireNonNull(values, "values");
            requireNonNegative(nulls);
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new IllegalArgumentException("values[" + i + "]: " + values[i] + " is not a finite number");
                }
            }
        }

        @Override public long size() { return values.length; }

        @Override public boolean equals(Object o) {
            return o instanceof Numeric n && n.nulls == nulls && Arrays.equals(n.values, values);
        }

        @Override public int hashCode() { return 31 * Arrays.hashCode(values) + Long.hashCode(nulls); }

        @Override public String toString() { return "Numeric[n=" + values.length + ", nulls=" + nulls + "]"; }
    }

    /** Counts per category; categories with a zero count are dropped, the map is kept sorted. */
    record Categorical(Map<String, Long> counts, long nulls) implements FeatureSample {
        public Categorical {
            requireNonNegative(nulls);
            TreeMap<String, Long> kept = new TreeMap<>(CategoryOrder.INSTANCE);
            counts.forEach((category, count) -> {
                Objects.requireNonNull(category, "category");
                if (count == null || count < 0) {
                    throw new IllegalArgumentException("count of category '" + category + "' is " + count + "; expected >= 0");
                }
                if (count > 0) kept.put(category, count);
            });
            counts = java.util.Collections.unmodifiableSortedMap(kept);
        }

        @Override public long size() { return counts.values().stream().mapToLong(Long::longValue).sum(); }
    }

    /**
     * A histogram: {@code counts[i]} observations in {@code [edges[i], edges[i+1])}; values are assumed
     * to spread evenly within each bin when re-bucketed. KS and Wasserstein need raw values and are
     * unavailable for histograms.
     */
    record Histogram(double[] edges, long[] counts, long nulls) implements FeatureSample {
        public Histogram {
            Objects.requireNonNull(edges, "edges");
            Objects.requireNonNull(counts, "counts");
            requireNonNegative(nulls);
            if (edges.length != counts.length + 1) {
                throw new IllegalArgumentException("histogram has " + edges.length + " edges and " + counts.length
                        + " counts; expected one more edge than counts");
            }
            for (int i = 0; i < edges.length; i++) {
                if (!Double.isFinite(edges[i])) {
                    throw new IllegalArgumentException("edges[" + i + "]: " + edges[i] + " is not a finite number");
                }
                if (i > 0 && edges[i] < edges[i - 1]) {
                    throw new IllegalArgumentException("edges[" + i + "]: " + edges[i] + " is below edges[" + (i - 1)
                            + "] = " + edges[i - 1] + "; edges must be non-decreasing");
                }
            }
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] < 0) {
                    throw new IllegalArgumentException("counts[" + i + "]: " + counts[i] + " is negative");
                }
            }
        }

        @Override public long size() { return Arrays.stream(counts).sum(); }

        @Override public boolean equals(Object o) {
            return o instanceof Histogram h && h.nulls == nulls && Arrays.equals(h.edges, edges)
                    && Arrays.equals(h.counts, counts);
        }

        @Override public int hashCode() {
            return 31 * (31 * Arrays.hashCode(edges) + Arrays.hashCode(counts)) + Long.hashCode(nulls);
        }

        @Override public String toString() {
            return "Histogram[edges=" + Arrays.toString(edges) + ", counts=" + Arrays.toString(counts)
                    + ", nulls=" + nulls + "]";
        }
    }

    private static void requireNonNegative(long nulls) {
        if (nulls < 0) throw new IllegalArgumentException("nulls is " + nulls + "; expected >= 0");
    }
}
