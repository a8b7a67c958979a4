package io.vigil.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The active (pending or firing) instances of one rule, and the fold of one evaluation over them.
 * Instances absent from an evaluation's breaches are "not holding"; instances that resolve or drop back
 * from pending leave the active set once their step is reported. Immutable; time is a parameter.
 *
 * @param active instance labels → state; never holds inactive states
 */
public record AlertTracker(Duration forDuration, Duration keepFiringFor, Map<Map<String, String>, AlertState> active) {

    public AlertTracker {
        Objects.requireNonNull(forDuration, "forDuration");
        Objects.requireNonNull(keepFiringFor, "keepFiringFor");
        active = Map.copyOf(active);
        for (AlertState s : active.values()) {
            if (!s.isActive()) throw new IllegalArgumentException("inactive state in the active set");
        }
    }

    /** A rule with no active instances, as at start-up or the start of a backtest. */
    public static AlertTracker start(Duration forDuration, Duration keepFiringFor) {
        return new AlertTracker(forDuration, keepFiringFor, Map.of());
    }

    /** One instance's step in an evaluation. */
    public record InstanceStep(Map<String, String> labels, AlertLifecycle.Step step) {}

    /**
     * The outcome of one evaluation: the next tracker and the step of every instance that was active
     * or breached, sorted by labels so output and stored transitions come out in a stable order.
     */
    public record Fold(AlertTracker tracker, List<InstanceStep> steps) {
        public Fold {
            steps = List.copyOf(steps);
        }

        /** Only the steps that changed an instance's status. */
        public List<InstanceStep> transitions() {
            return steps.stream().filter(s -> s.step().transition().isPresent()).toList();
        }
    }

    /** Folds a successful evaluation at {@code t}: {@code breaches} maps instance labels to values. */
    public Fold evaluate(Map<Map<String, String>, Double> breaches, Instant t) {
        Map<Map<String, String>, Observation> seen = new HashMap<>();
        for (Map.Entry<Map<String, String>, Double> b : breaches.entrySet()) {
            seen.put(b.getKey(), Observation.holds(b.getValue()));
        }
        for (Map<String, String> labels : active.keySet()) seen.putIfAbsent(labels, Observation.notHolding());
        return fold(seen, t);
    }

    /** Folds a failed evaluation: every instance keeps its state and nothing is emitted. */
    public Fold failed(String reason, Instant t) {
        Map<Map<String, String>, Observation> seen = new HashMap<>();
        for (Map<String, String> labels : active.keySet()) seen.put(labels, Observation.failed(reason));
        return fold(seen, t);
    }

    private Fold fold(Map<Map<String, String>, Observation> observations, Instant t) {
        Map<Map<String, String>, AlertState> next = new HashMap<>();
        List<InstanceStep> steps = new ArrayList<>();
        for (Map.Entry<Map<String, String>, Observation> o : observations.entrySet()) {
            AlertState current = active.getOrDefault(o.getKey(), AlertState.INACTIVE);
            AlertLifecycle.Step step = AlertLifecycle.next(current, o.getValue(), forDuration, keepFiringFor, t);
            Map<String, String> labels = Map.copyOf(o.getKey());
            steps.add(new InstanceStep(labels, step));
            if (step.state().isActive()) next.put(labels, step.state());
        }
        steps.sort(Comparator.comparing(InstanceStep::labels, LABEL_ORDER));
        return new Fold(new AlertTracker(forDuration, keepFiringFor, next), steps);
    }

    /** Active instances in one status, sorted by labels. */
    public Map<Map<String, String>, AlertState> instances(AlertStatus status) {
        Map<Map<String, String>, AlertState> out = new TreeMap<>(LABEL_ORDER);
        active.forEach((labels, s) -> {
            if (s.status() == status) out.put(labels, s);
        });
        return out;
    }

    /** Orders label sets by their entries sorted by name: names first, then values. */
    public static final Comparator<Map<String, String>> LABEL_ORDER = (a, b) -> {
        Iterator<Map.Entry<String, String>> x = new TreeMap<>(a).entrySet().iterator();
        Iterator<Map.Entry<String, String>> y = new TreeMap<>(b).entrySet().iterator();
        while (x.hasNext() && y.hasNext()) {
            Map.Entry<String, String> ex = x.next();
            Map.Entry<String, String> ey = y.next();
            int c = ex.getKey().compareTo(ey.getKey());
            if (c == 0) c = ex.getValue().compareTo(ey.getValue());
            if (c != 0) return c;
        }
        return Boolean.compare(x.hasNext(), y.hasNext());
    };
}
