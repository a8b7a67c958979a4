package io.vigil.runtime;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;

/**
 * One prediction as the quality functions see it at evaluation time T: its labels and what it
 * predicted, joined with the latest outcome known at T (predictions.md §2), if any.
 *
 * @param score       binary: the probability of the positive class, or null
 * @param scores      multiclass: class → probability, or null
 * @param predicted   the predicted class as sent, or null (binary: then score ≥ threshold)
 * @param value       regression: the predicted number, or null
 * @param actual      the outcome's class (as text: {@code true} and {@code 1} too), or null
 * @param actualValue regression: the outcome's number, or null
 * @param outcomeTime when the joined outcome became known, or null without one
 */
public record JoinedPrediction(Instant timestamp, SortedMap<String, String> labels, Double score,
                               Map<String, Double> scores, String predicted, Double value, String actual,
                               Double actualValue, Instant outcomeTime) {

    /** Whether an outcome was joined. */
    public boolean labelled() { return outcomeTime != null; }
}
