package io.vigil.runtime;

import io.vigil.label.LabelMatcher;
import io.vigil.store.StoreException;
import java.time.Instant;
import java.util.List;

/** The as-of join of predictions and outcomes (predictions.md §2), the quality functions' view of the store. */
@FunctionalInterface
public interface PredictionPairs {
    /**
     * The predictions of {@code model} whose timestamp lies in (from, to] and whose labels match every
     * matcher, each joined with its latest outcome whose timestamp is ≤ {@code asOf}.
     */
    List<JoinedPrediction> read(String model, Instant from, Instant to, Instant asOf, List<LabelMatcher> matchers)
            throws StoreException;
}
