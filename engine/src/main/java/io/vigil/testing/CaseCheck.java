package io.vigil.testing;

import io.vigil.check.Durations;
import io.vigil.runtime.AlertState;
import io.vigil.runtime.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Compares one test's expectations with a {@link TestSnapshot} and words every difference for the
 * person who wrote the test: what was expected, what happened instead, and where a missing alert stands
 * (pending since when, or not active at all). Times are shown as offsets from the file's {@code start}.
 */
final class CaseCheck {
    private static final double DEFAULT_RELATIVE_TOLERANCE = 1e-9;

    private final RuleIds ids;
    private final TestSnapshot snap;
    private final Instant start;

    CaseCheck(RuleIds ids, TestSnapshot snap, Instant start) {
        this.ids = ids;
        this.snap = snap;
        this.start = start;
    }

    /** An alert instance: its rule and labels without {@code model}. */
    private record Key(String rule, SortedMap<String, String> labels) {
        String show() { return rule + LabelText.of(labels); }
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::rule).thenComparing(Key::labels,
            io.vigil.runtime.AlertTracker.LABEL_ORDER);

    List<String> problems(TestFile.TestCase test) {
        List<String> out = new ArrayList<>();
        alerts("firing alerts", test.alerts(), AlertStatus.FIRING, out);
        if (test.pending() != null) alerts("pending alerts", test.pending(), AlertStatus.PENDING, out);
        if (test.notifications() != null) deliveries("notifications", test.notifications(), ReplayOutbox.Type.NOTIFY, out);
        if (test.actions() != null) deliveries("actions", test.actions(), ReplayOutbox.Type.ACTION, out);
        snap.failures().forEach((rule, f) -> out.add("rule " + rule + " failed to evaluate at " + offset(f.at()) + ": "
                + f.message()));
        return out;
    }

    private void alerts(String title, List<TestFile.ExpectedAlert> expected, AlertStatus status, List<String> out) {
        Map<Key, AlertState> actual = new TreeMap<>(ORDER);
        snap.active().forEach((rule, instances) -> instances.forEach((labels, state) -> {
            if (state.status() == status) actual.put(key(rule, labels), state);
        }));
        Map<Key, TestFile.ExpectedAlert> wanted = new TreeMap<>(ORDER);
        for (TestFile.ExpectedAlert e : expected) wanted.put(key(ids.resolve(e.rule()).id(), e.labels()), e);
        List<String> lines = new ArrayList<>();
        for (var e : wanted.entrySet()) {
            AlertState got = actual.get(e.getKey());
            if (got == null) {
                lines.add("missing:    " + e.getKey().show() + " (" + whereIs(e.getKey()) + ")");
                continue;
            }
            Double v = e.getValue().value();
            if (v == null) continue;
            double tol = e.getValue().tolerance() != null ? e.getValue().tolerance()
                    : DEFAULT_RELATIVE_TOLERANCE * Math.max(1, Math.abs(v));
            if (!(Math.abs(got.value() - v) <= tol)) {
                lines.add("value:      " + e.getKey().show() + ": expected " + number(v) + " ± " + number(tol)
                        + ", got " + number(got.value()));
            }
        }
        for (var a : actual.entrySet()) {
            if (!wanted.containsKey(a.getKey())) lines.add("unexpected: " + a.getKey().show() + " " + describe(a.getValue()));
        }
        if (lines.isEmpty()) return;
        out.add(title + " differ:");
        lines.forEach(l -> out.add("  " + l));
        out.add("  expected:   " + list(wanted.keySet().stream().map(Key::show).toList()));
        out.add("  got:        " + list(actual.entrySet().stream().map(a -> a.getKey().show() + " = "
                + number(a.getValue().value())).toList()));
    }

    /** Where an instance that was expected stands instead. */
    private String whereIs(Key k) {
        for (var e : snap.active().getOrDefault(k.rule(), Map.of()).entrySet()) {
            if (key(k.rule(), e.getKey()).equals(k)) return "it is " + describe(e.getValue());
        }
        return "it is not active";
    }

    private String describe(AlertState s) {
        if (s.status() == AlertStatus.PENDING) {
            return "pending since " + offset(s.activeAt()) + ", value " + number(s.value());
        }
        String kept = s.keepFiringSince() == null ? "" : ", kept firing since " + offset(s.keepFiringSince());
        return "firing since " + offset(s.firedAt()) + kept + ", value " + number(s.value());
    }

    private void deliveries(String title, List<TestFile.ExpectedDelivery> expected, ReplayOutbox.Type type, List<String> out) {
        List<ReplayOutbox.Delivery> actual = new ArrayList<>();
        for (ReplayOutbox.Delivery d : snap.deliveries()) if (d.type() == type) actual.add(d);
        List<ReplayOutbox.Delivery> unmatched = new ArrayList<>(actual);
        List<String> lines = new ArrayList<>();
        for (TestFile.ExpectedDelivery e : expected) {
            String rule = ids.resolve(e.rule()).id();
            ReplayOutbox.Delivery hit = null;
            for (ReplayOutbox.Delivery d : unmatched) {
                if (d.target().equals(e.target()) && d.ruleId().equals(rule)
                        && withoutModel(d.labels()).equals(withoutModel(e.labels()))
                        && (e.kind() == null || e.kind().equals(d.kind()))
                        && (e.at() == null || start.plus(e.at()).equals(d.at()))) {
                    hit = d;
                    break;
                }
            }
            if (hit != null) {
                unmatched.remove(hit);
            } else {
                lines.add("missing:    " + e.target() + " " + (e.kind() == null ? "" : e.kind() + " ") + rule
                        + LabelText.of(withoutModel(e.labels())) + (e.at() == null ? "" : " at " + Durations.format(e.at())));
            }
        }
        for (ReplayOutbox.Delivery d : unmatched) lines.add("unexpected: " + show(d));
        if (lines.isEmpty()) return;
        out.add(title + " differ (sent after the previous test time, up to this one):");
        lines.forEach(l -> out.add("  " + l));
        out.add("  got:        " + list(actual.stream().map(this::show).toList()));
    }

    private String show(ReplayOutbox.Delivery d) {
        return d.target() + " " + d.kind() + " " + d.ruleId() + LabelText.of(withoutModel(d.labels())) + " at " + offset(d.at());
    }

    private Key key(String rule, Map<String, String> labels) {
        return new Key(rule, withoutModel(labels));
    }

    /** Test files write labels without {@code model} (interfaces.md). */
    private static SortedMap<String, String> withoutModel(Map<String, String> labels) {
        SortedMap<String, String> out = new TreeMap<>(labels);
        out.remove("model");
        return out;
    }

    private String offset(Instant t) {
        Duration d = Duration.between(start, t);
        return d.isNegative() ? t.toString() : Durations.format(d);
    }

    private static String list(List<String> items) {
        return items.isEmpty() ? "(none)" : String.join(", ", items);
    }

    /** A number in plain notation where that stays short ({@code 0.00001}, not {@code 1.0E-5}). */
    static String number(double v) {
        if (!Double.isFinite(v) || v == 0) return Durations.formatNumber(v);
        double a = Math.abs(v);
        if (a < 1e-12 || a >= 1e15) return Double.toString(v);
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
