package io.vigil.store;

import io.vigil.label.LabelMatcher;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a quality function reads (predictions.md §2): the predictions of {@code model} whose timestamp
 * lies in the half-open range (from, to] and whose labels satisfy every matcher, each joined with its
 * latest outcome whose timestamp is at most {@code asOf} (a correction known at asOf wins; one known
 * later is not seen).
 */
public record PredictionQuery(String model, Instant from, Instant to, Instant asOf, List<LabelMatcher> matchers) {
    public PredictionQuery {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(asOf, "asOf");
        matchers = List.copyOf(matchers);
        if (from.isAfter(to)) throw new IllegalArgumentException("from " + from + " is after to " + to);
    }

    public static PredictionQuery of(String model, Instant from, Instant to, Instant asOf, LabelMatcher... matchers) {
        return new PredictionQuery(model, from, to, asOf, List.of(matchers));
    }

    /** Whether a prediction's labels satisfy every matcher (an absent label is the empty string). */
    public boolean selects(Labels labels) {
        for (LabelMatcher m : matchers) if (!m.matches(labels.get(m.label()))) return false;
        return true;
    }
}
