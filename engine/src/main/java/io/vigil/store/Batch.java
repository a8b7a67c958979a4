package io.vigil.store;

import java.util.List;

/**
 * Samples and distributions to write together. Writing is an upsert: a sample with the same series
 * and time as a stored one replaces it, as does a distribution with the same model, feature and time.
 */
public record Batch(List<MetricSample> samples, List<FeatureSnapshot> distributions) {
    public static final Batch EMPTY = new Batch(List.of(), List.of());

    public Batch {
        samples = List.copyOf(samples);
        distributions = List.copyOf(distributions);
    }

    public static Batch ofSamples(List<MetricSample> samples) { return new Batch(samples, List.of()); }

    public boolean isEmpty() { return samples.isEmpty() && distributions.isEmpty(); }
}
