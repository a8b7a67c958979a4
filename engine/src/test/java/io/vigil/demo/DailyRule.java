package io.vigil.demo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A rule evaluated once a day at 00:00 UTC with the alert lifecycle of language.md §4 ({@code for},
 * {@code keep_firing_for}), written out plainly so the quickstart's expected alerts can be computed without the engine.
 */
final class DailyRule {
    /** A change of one instance (its labels as text) to {@code firing} or {@code resolved} at the evaluation of {@code at}. */
    record Transition(String rule, LocalDate at, String instance, String state, double value) {
        @Override
        public String toString() {
            return String.format("%s 00:00Z  %-21s %-14s %-8s %.3f", at, rule, instance, state, value);
        }
    }

    private final String name;
    private final int forDays;
    private final int keepFiringDays;

    DailyRule(String name, int forDays, int keepFiringDays) {
        this.name = name;
        this.forDays = forDays;
        this.keepFiringDays = keepFiringDays;
    }

    /** Evaluates every day in [first, last]; {@code condition} gives the instances that hold at T, with their values. */
    List<Transition> run(LocalDate first, LocalDate last, Function<LocalDate, Map<String, Double>> condition) {
        Map<String, LocalDate> activeAt = new HashMap<>();
        Map<String, LocalDate> keepSince = new HashMap<>();
        Map<String, Double> firing = new HashMap<>();
        List<Transition> out = new ArrayList<>();
        for (LocalDate t = first; !t.isAfter(last); t = t.plusDays(1)) {
            Map<String, Double> holding = condition.apply(t);
            for (var e : holding.entrySet()) {
                String instance = e.getKey();
                activeAt.putIfAbsent(instance, t);
                keepSince.remove(instance);
                if (firing.containsKey(instance)) {
                    firing.put(instance, e.getValue());
                } else if (days(activeAt.get(instance), t) >= forDays) {
                    firing.put(instance, e.getValue());
                    out.add(new Transition(name, t, instance, "firing", e.getValue()));
                }
            }
            for (String instance : new TreeSet<>(activeAt.keySet())) {
                if (holding.containsKey(instance)) continue;
                if (!firing.containsKey(instance)) {
                    activeAt.remove(instance);  // pending: back to inactive, nothing sent
                    continue;
                }
                keepSince.putIfAbsent(instance, t);
                if (days(keepSince.get(instance), t) >= keepFiringDays) {
                    out.add(new Transition(name, t, instance, "resolved", firing.remove(instance)));
                    activeAt.remove(instance);
                    keepSince.remove(instance);
                }
            }
        }
        return out;
    }

    private static long days(LocalDate from, LocalDate to) { return ChronoUnit.DAYS.between(from, to); }
}
