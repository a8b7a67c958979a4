package io.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

/**
 * Stepped timelines: Prometheus' own alerting-rule tests (rules/manager_test.go TestAlertingRule,
 * rules/alerting_test.go TestKeepFiringFor, TestPendingAndKeepFiringFor, TestAlertingRuleLabelsUpdate)
 * and the example of interfaces.md, each asserting the same active set after every evaluation.
 */
class AlertTrackerTimelineTest {
    private static final Instant T0 = Instant.EPOCH;

    private static Map<String, String> instance(String i) {
        return Map.of("job", "app-server", "instance", i, "group", "canary");
    }

    /** Breaches of {@code series < or > threshold} at sample index {@code i}, like the rule's expression. */
    private static Map<Map<String, String>, Double> breaches(Map<Map<String, String>, double[]> series, int i,
                                                              DoublePredicate condition) {
        Map<Map<String, String>, Double> out = new LinkedHashMap<>();
        series.forEach((labels, values) -> {
            if (i < values.length && condition.test(values[i])) out.put(labels, values[i]);
        });
        return out;
    }

    /** The active set as "labels=status" strings, in label order, for compact expectations. */
    private static List<String> active(AlertTracker tracker) {
        List<String> out = new ArrayList<>();
        Map<Map<String, String>, AlertState> sorted = new TreeMap<>(AlertTracker.LABEL_ORDER);
        sorted.putAll(tracker.active());
        sorted.forEach((labels, s) -> out.add(labels.get("instance") + "=" + s.status().label()));
        return out;
    }

    private static List<String> transitions(AlertTracker.Fold fold) {
        return fold.transitions().stream()
                .map(s -> s.labels().get("instance") + ":" + s.step().transition().orElseThrow().kind())
                .toList();
    }

    @Test
    void prometheusTestAlertingRule_holdDuration() {
        // load 5m; http_requests{...} < 100; for 1m; evaluated at 0, 5m, ..., 30m.
        Map<Map<String, String>, double[]> series = new LinkedHashMap<>();
        series.put(instance("0"), new double[] {75, 85, 95, 105, 105, 95, 85});
        series.put(instance("1"), new double[] {80, 90, 100, 110, 120, 130, 140});
        List<List<String>> expectedActive = List.of(
                List.of("0=pending", "1=pending"),
                List.of("0=firing", "1=firing"),
                List.of("0=firing"),
                List.of(),
                List.of(),
                List.of("0=pending"),
                List.of("0=firing"));
        List<List<String>> expectedTransitions = List.of(
                List.of("0:PENDING", "1:PENDING"),
                List.of("0:FIRING", "1:FIRING"),
                List.of("1:RESOLVED"),
                List.of("0:RESOLVED"),
                List.of(),
                List.of("0:PENDING"),
                List.of("0:FIRING"));
        AlertTracker tracker = AlertTracker.start(Duration.ofMinutes(1), Duration.ZERO);
        for (int i = 0; i < 7; i++) {
            AlertTracker.Fold fold = tracker.evaluate(breaches(series, i, v -> v < 100), T0.plus(Duration.ofMinutes(5L * i)));
            tracker = fold.tracker();
            assertThat(active(tracker)).as("at %dm", 5 * i).isEqualTo(expectedActive.get(i));
            assertThat(transitions(fold)).as("transitions at %dm", 5 * i).isEqualTo(expectedTransitions.get(i));
        }
        // The instance that fired again at 30m started a new episode at 25m.
        AlertState again = tracker.active().get(instance("0"));
        assertThat(again.activeAt()).isEqualTo(T0.plus(Duration.ofMinutes(25)));
        assertThat(again.firedAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(again.value()).isEqualTo(85);
    }

    @Test
    void prometheusTestKeepFiringFor() {
        // load 1m: 75 85 70 70 10x5; http_requests > 50; for 1m; keep_firing_for 1m.
        Map<Map<String, String>, double[]> series = Map.of(instance("0"), new double[] {75, 85, 70, 70, 10, 10, 10, 10, 10, 10});
        List<List<String>> expected = List.of(
                List.of("0=pending"), List.of("0=firing"), List.of("0=firing"), List.of("0=firing"),
                List.of("0=firing"), // 10 is not > 50, but keep_firing_for holds it up
                List.of());
        AlertTracker tracker = AlertTracker.start(Duration.ofMinutes(1), Duration.ofMinutes(1));
        for (int i = 0; i < expected.size(); i++) {
            tracker = tracker.evaluate(breaches(series, i, v -> v > 50), T0.plus(Duration.ofMinutes(i))).tracker();
            assertThat(active(tracker)).as("at %dm", i).isEqualTo(expected.get(i));
            if (i == 4) {
                AlertState kept = tracker.active().get(instance("0"));
                assertThat(kept.value()).as("kept firing with its last value").isEqualTo(70);
                assertThat(kept.keepFiringSince()).isEqualTo(T0.plus(Duration.ofMinutes(4)));
            }
        }
    }

    @Test
    void prometheusTestPendingAndKeepFiringFor() {
        // load 1m: 75 10x10; > 50; for 1m; keep_firing_for 1m: a pending alert is not kept.
        Map<Map<String, String>, double[]> series = Map.of(instance("0"), new double[] {75, 10, 10});
        AlertTracker tracker = AlertTracker.start(Duration.ofMinutes(1), Duration.ofMinutes(1));
        tracker = tracker.evaluate(breaches(series, 0, v -> v > 50), T0).tracker();
        assertThat(active(tracker)).containsExactly("0=pending");
        AlertTracker.Fold fold = tracker.evaluate(breaches(series, 1, v -> v > 50), T0.plus(Duration.ofMinutes(1)));
        assertThat(active(fold.tracker())).isEmpty();
        assertThat(transitions(fold)).containsExactly("0:INACTIVE");
    }

    @Test
    void prometheusTestAlertingRuleLabelsUpdate() {
        // load 1m: 75 85 70 70 stale; < 100; for 1m; label severity = critical below 80, else warning.
        // A label that changes with the value makes a new instance, so the alert restarts pending.
        double[] values = {75, 85, 70, 70};
        List<List<String>> expected = List.of(
                List.of("critical=pending"), List.of("warning=pending"), List.of("critical=pending"),
                List.of("critical=firing"), List.of());
        AlertTracker tracker = AlertTracker.start(Duration.ofMinutes(1), Duration.ZERO);
        for (int i = 0; i < expected.size(); i++) {
            Map<Map<String, String>, Double> b = new LinkedHashMap<>();
            if (i < values.length && values[i] < 100) {
                b.put(Map.of("instance", values[i] < 80 ? "critical" : "warning"), values[i]);
            }
            tracker = tracker.evaluate(b, T0.plus(Duration.ofMinutes(i))).tracker();
            assertThat(active(tracker)).as("at %dm", i).isEqualTo(expected.get(i));
        }
    }

    @Test
    void interfacesRuleTestExample() {
        // accuracy{segment="EU"} "0.9 0.9 0.8x7 0.9x7" every 5m; accuracy < 0.85, for 30m, keep_firing_for 15m.
        double[] eu = {0.9, 0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9};
        Map<Map<String, String>, double[]> series = Map.of(Map.of("instance", "EU"), eu);
        AlertTracker tracker = AlertTracker.start(Duration.ofMinutes(30), Duration.ofMinutes(15));
        Map<Integer, String> statusAt = new TreeMap<>();
        for (int i = 0; i < eu.length; i++) {
            tracker = tracker.evaluate(breaches(series, i, v -> v < 0.85), T0.plus(Duration.ofMinutes(5L * i))).tracker();
            statusAt.put(5 * i, active(tracker).toString());
        }
        assertThat(statusAt.get(35)).isEqualTo("[EU=pending]");
        assertThat(statusAt.get(40)).as("interfaces.md: at 40m EU fires").isEqualTo("[EU=firing]");
        assertThat(statusAt.get(60)).as("kept firing 10m after the last breach").isEqualTo("[EU=firing]");
        assertThat(statusAt.get(65)).as("interfaces.md: at 65m no alerts").isEqualTo("[]");
    }

    @Test
    void failedEvaluationChangesNothing() {
        AlertTracker tracker = AlertTracker.start(Duration.ZERO, Duration.ZERO)
                .evaluate(Map.of(instance("0"), 1.0), T0).tracker();
        AlertTracker.Fold fold = tracker.failed("ks needs raw values", T0.plus(Duration.ofMinutes(5)));
        assertThat(fold.tracker()).isEqualTo(tracker);
        assertThat(fold.transitions()).isEmpty();
    }
}
