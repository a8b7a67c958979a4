package io.vigil.store;

import io.vigil.stats.FeatureSample;
import java.time.Instant;
import java.util.Objects;

/** One feature's distribution as a model reported it at one time (a snapshot's {@code distributions} entry). */
public record FeatureSnapshot(String model, String feature, Instant at, FeatureSample sample) {
    public FeatureSnapshot {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(sample, "sample");
    }
}
