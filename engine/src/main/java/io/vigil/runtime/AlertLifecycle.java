package io.vigil.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The alert lifecycle of language.md §4 as one total, pure function, following the logic of
 * Prometheus' {@code AlertingRule.Eval} (rules/alerting.go) for a single instance:
 * <ul>
 *   <li>holding when inactive starts it at T (activeAt := T); it fires at the first evaluation with
 *       T − activeAt ≥ {@code for}, so with {@code for} 0 it fires at once;
 *   <li>not holding when pending drops it (nothing was sent);
 *   <li>not holding when firing sets keepFiringSince := T (once) and keeps firing, with its last value,
 *       while T − keepFiringSince < {@code keep_firing_for}; otherwise it resolves. Holding again
 *       clears keepFiringSince;
 *   <li>a failed evaluation changes nothing.
 * </ul>
 * Time is a parameter: no clock is read, so live runs, catch-up, tests and backtests agree.
 */
public final class AlertLifecycle {
    private AlertLifecycle() {}

    /** The new state and the transition it took, if any. */
    public record Step(AlertState state, Optional<Transition> transition) {
        static Step stay(AlertState state) { return new Step(state, Optional.empty()); }

        static Step move(Transition.Kind kind, Instant t, AlertState from, AlertState to) {
            return new Step(to, Optional.of(new Transition(kind, t, from, to)));
        }
    }

    /** One evaluation at {@code t} of an instance in state {@code current}. */
    public static Step next(AlertState current, Observation obs, Duration forDuration, Duration keepFiringFor,
                            Instant t) {
        if (obs instanceof Observation.Failed) return Step.stay(current);
        if (obs instanceof Observation.Holds h) return holds(current, h.value(), forDuration, t);
        return notHolding(current, keepFiringFor, t);
    }

    private static Step holds(AlertState s, double value, Duration forDuration, Instant t) {
        switch (s.status()) {
            case INACTIVE:
                if (elapsed(t, t, forDuration)) {
                    return Step.move(Transition.Kind.FIRING, t, s, AlertState.firing(value, t, t));
                }
                return Step.move(Transition.Kind.PENDING, t, s, AlertState.pending(value, t));
            case PENDING:
                if (elapsed(s.activeAt(), t, forDuration)) {
                    return Step.move(Transition.Kind.FIRING, t, s, AlertState.firing(value, s.activeAt(), t));
                }
                return Step.stay(AlertState.pending(value, s.activeAt()));
            default:
                return Step.stay(AlertState.firing(value, s.activeAt(), s.firedAt()));
        }
    }

    private static Step notHolding(AlertState s, Duration keepFiringFor, Instant t) {
        switch (s.status()) {
            case INACTIVE:
                return Step.stay(s);
            case PENDING:
                return Step.move(Transition.Kind.INACTIVE, t, s, AlertState.INACTIVE);
            default:
                if (keepFiringFor.compareTo(Duration.ZERO) > 0) {
                    Instant since = s.keepFiringSince() == null ? t : s.keepFiringSince();
                    if (!elapsed(since, t, keepFiringFor)) {
                        return Step.stay(AlertState.keptFiring(s.value(), s.activeAt(), s.firedAt(), since));
                    }
                }
                return Step.move(Transition.Kind.RESOLVED, t, s, AlertState.INACTIVE);
        }
    }

    /** Whether at least {@code d} has passed from {@code since} to {@code t}. */
    private static boolean elapsed(Instant since, Instant t, Duration d) {
        return Duration.between(since, t).compareTo(d) >= 0;
    }
}
