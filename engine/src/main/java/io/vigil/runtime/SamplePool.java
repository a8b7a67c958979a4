package io.vigil.runtime;

import io.vigil.stats.FeatureSample;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Pools the per-snapshot samples of one feature in a window into one sample of the same kind. */
final class SamplePool {
    private SamplePool() {}

    static FeatureSample pool(String feature, List<FeatureSample> parts) throws OperandException {
        if (parts.size() == 1) return parts.get(0);
        FeatureSample first = parts.get(0);
        long nulls = 0;
        for (FeatureSample p : parts) {
            if (p.getClass() != first.getClass()) {
                throw new OperandException("feature '" + feature + "' was ingested as both "
                        + kind(first) + " and " + kind(p) + " in one window; send one kind per feature");
            }
            nulls += p.nulls();
        }
        if (first instanceof FeatureSample.Numeric) {
            int n = 0;
            for (FeatureSample p : parts) n += ((FeatureSample.Numeric) p).values().length;
            double[] all = new double[n];
            int at = 0;
            for (FeatureSample p : parts) {
                double[] v = ((FeatureSample.Numeric) p).values();
                System.arraycopy(v, 0, all, at, v.length);
                at += v.length;
            }
            return new FeatureSample.Numeric(all, nulls);
        }
        if (first instanceof FeatureSample.Categorical) {
            Map<String, Long> counts = new TreeMap<>();
            for (FeatureSample p : parts) ((FeatureSample.Categorical) p).counts().forEach((k, v) -> counts.merge(k, v, Long::sum));
            return new FeatureSample.Categorical(counts, nulls);
        }
        FeatureSample.Histogram h0 = (FeatureSample.Histogram) first;
        long[] counts = new long[h0.counts().length];
        for (FeatureSample p : parts) {
            FeatureSample.Histogram h = (FeatureSample.Histogram) p;
            if (!Arrays.equals(h.edges(), h0.edges())) {
                throw new OperandException("feature '" + feature + "' has histograms with different edges in one "
                        + "window; keep the edges fixed per feature");
            }
            for (int i = 0; i < counts.length; i++) counts[i] += h.counts()[i];
        }
        return new FeatureSample.Histogram(h0.edges(), counts, nulls);
    }

    private static String kind(FeatureSample s) {
        if (s instanceof FeatureSample.Numeric) return "raw values";
        if (s instanceof FeatureSample.Categorical) return "categories";
        return "a histogram";
    }
}
