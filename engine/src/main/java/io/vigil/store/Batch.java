package io.vigil.store;

import java.util.List;

/**
 * Samples, distributions, predictions and outcomes to write together. Samples and distributions are
 * upserted: one with the same series and time as a stored one replaces it. Predictions and outcomes
 * are idempotent: resending the same record stores nothing new, the same key with other content is a
 * {@link RecordConflictException} unless the record says {@code replace}.
 */
public record Batch(List<MetricSample> samples, List<FeatureSnapshot> distributions, List<Prediction> predictions,
                    List<Outcome> outcomes) {
    public static final Batch EMPTY = new Batch(List.of(), List.of());

    public Batch {
        samples = List.copyOf(samples);
        distributions = List.copyOf(distributions);
        predictions = List.copyOf(predictions);
        outcomes = List.copyOf(outcomes);
    }

    public Batch(List<MetricSample> samples, List<FeatureSnapshot> distributions) {
        this(samples, distributions, List.of(), List.of());
    }

    public static Batch ofSamples(List<MetricSample> samples) { return new Batch(samples, List.of()); }

    public static Batch ofPredictions(List<Prediction> predictions) {
        return new Batch(List.of(), List.of(), predictions, List.of());
    }

    public static Batch ofOutcomes(List<Outcome> outcomes) {
        return new Batch(List.of(), List.of(), List.of(), outcomes);
    }

    public boolean isEmpty() {
        return samples.isEmpty() && distributions.isEmpty() && predictions.isEmpty() && outcomes.isEmpty();
    }
}
