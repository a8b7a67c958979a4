package io.vigil.config;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What to do with evaluations missed while the engine was down ({@code engine.catch_up}). The tick
 * arithmetic stays with the caller ({@code schedule.EvaluationTimes}), so reading the setting needs
 * no scheduler.
 */
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

    /**
     * The evaluation times to run now.
     *
     * @param lastEvaluated the last evaluation that ran, or null on a first start (then nothing was missed)
     * @param ticksSince    the ticks after a time up to now; called only when the policy needs them
     */
    public List<Instant> missed(Instant lastEvaluated, Function<Instant, List<Instant>> ticksSince) {
        if (lastEvaluated == null || this == NONE) return List.of();
        List<Instant> all = ticksSince.apply(lastEvaluated);
        if (all.isEmpty() || this == ALL) return all;
        return List.of(all.get(all.size() - 1));
    }
}
