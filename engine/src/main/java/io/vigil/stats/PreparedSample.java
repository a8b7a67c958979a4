package io.vigil.stats;

import java.util.SortedMap;

/**
 * A {@link FeatureSample} made ready for comparison: raw values sorted once (a copy; the sample's own
 * array is left alone) so KS, Wasserstein, binning and quantiles all share one sort. Prepare a
 * baseline once and compare it with many windows.
 */
public final class PreparedSample {
    private final FeatureSample sample;
    private final double[] sorted;

    private PreparedSample(FeatureSample sample, double[] sorted) {
        this.sample = sample;
        this.sorted = sorted;
    }

    /** Prepares one sample (sorting raw numeric values). */
    public static PreparedSample of(FeatureSample sample) {
        if (sample instanceof FeatureSample.Numeric numeric) {
            return new PreparedSample(sample, RadixSort.sortedCopy(numeric.values()));
        }
        return new PreparedSample(sample, null);
    }

    /** The sample as given. */
    public FeatureSample sample() { return sample; }

    /** True for raw values or a histogram, false for category counts. */
    public boolean isNumeric() { return !(sample instanceof FeatureSample.Categorical); }

    /** True when raw numeric values are present (KS and Wasserstein need them). */
    public boolean hasRawValues() { return sorted != null; }

    /** Raw values in ascending order; null unless {@link #hasRawValues()}. Do not modify. */
    double[] sorted() { return sorted; }

    /** The histogram, or null. */
    FeatureSample.Histogram histogram() {
        return sample instanceof FeatureSample.Histogram h ? h : null;
    }

    /** Category counts, or null. */
    SortedMap<String, Long> categories() {
        return sample instanceof FeatureSample.Categorical c ? (SortedMap<String, Long>) c.counts() : null;
    }

    /** Non-null observations. */
    public long size() { return sorted != null ? sorted.length : sample.size(); }

    /** Nulls. */
    public long nulls() { return sample.nulls(); }

    /** Smallest value (for a histogram, its lowest edge holding mass). */
    double min() {
        if (sorted != null) return sorted[0];
        FeatureSample.Histogram h = histogram();
        for (int i = 0; i < h.counts().length; i++) if (h.counts()[i] > 0) return h.edges()[i];
        return h.edges()[0];
    }

    /** Largest value (for a histogram, its highest edge holding mass). */
    double max() {
        if (sorted != null) return sorted[sorted.length - 1];
        FeatureSample.Histogram h = histogram();
        for (int i = h.counts().length - 1; i >= 0; i--) if (h.counts()[i] > 0) return h.edges()[i + 1];
        return h.edges()[h.edges().length - 1];
    }
}
