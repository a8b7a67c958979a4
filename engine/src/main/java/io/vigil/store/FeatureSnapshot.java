package io.vigil.store;

import io.vigil.stats.FeatureSample;
import java.time.Instant;
import java.util.Objects;

/**
 * One feature's distribution as a model reported it at one time with one label set: a snapshot's
 * {@code distributions} entry, or the pooled {@code features} of the predictions made at that time
 * with those labels.
 */
public record FeatureSnapshot(String model, String feature, Instant at, FeatureSample sample, Labels labels) {
    public FeatureSnapshot {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(labels, "labels");
    }

    /** A distribution without labels. */
    public FeatureSnapshot(String model, String feature, Instant at, FeatureSample sample) {
        this(model, feature, at, sample, Labels.EMPTY);
    }

    /** The stored key of the label set: 0 for none (as rows stored before labels existed), else {@link Labels#hash64()}. */
    long labelsHash() {
        return labels.isEmpty() ? 0 : labels.hash64();
    }
}
