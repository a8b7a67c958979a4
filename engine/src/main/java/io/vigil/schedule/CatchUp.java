package io.vigil.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** What to do with evaluations missed while the engine was down ({@code engine.catch_up}). */
public enum CatchUp {
    /** Run every missed evaluation, in order, each with its own T. */
    ALL,
    /** Run only the latest missed evaluation (the default: state is current, no burst of stale alerts). */
    LAST,
    /** Skip missed evaluations; resume at the next tick. */
    NONE;

    public static CatchUp parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("catch_up must be all, last or none, got '" + text + "'");
        }
    }

    /** The evaluation times to run now, given the last one that ran and the current time. */
    public List<Instant> missed(EvaluationTimes times, Instant lastEvaluated, Instant now) {
        if (lastEvaluated == null || this == NONE) return List.of();
        List<Instant> all = times.between(lastEvaluated, now);
        if (all.isEmpty() || this == ALL) return all;
        return List.of(all.get(all.size() - 1));
    }
}
