package io.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (state × observation × for × keep_firing_for × timer) case of the lifecycle, with the
 * expected outcome written out by hand from language.md §4 and Prometheus' rules/alerting.go.
 *
 * <p>Fixture (minutes after T0): for>0 is 10m, keep_firing_for>0 is 15m; a holding evaluation reports
 * value 2, every starting state has value 1.
 * <pre>
 *   state     starting state                         "before" / "at" evaluation time
 *   INACTIVE  —                                      5 / 10   (no timer runs)
 *   PENDING   active 0                               5 / 10   (= active + for)
 *   FIRING    active 0, fired 10                     15 / 20  (no timer runs)
 *   KEPT      active 0, fired 10, keepFiringSince 20 30 / 35  (= keepFiringSince + keep_firing_for)
 * </pre>
 * Expected states read {@code STATUS active fired kept value} with {@code -} for none.
 */
class AlertLifecycleTableTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static final String TABLE = """
        # state    obs    for keep timer | expected             transition
        INACTIVE   holds  0   0    before | FIRING 5 5 - 2       FIRING
        INACTIVE   holds  0   0    at     | FIRING 10 10 - 2     FIRING
        INACTIVE   holds  0   15   before | FIRING 5 5 - 2       FIRING
        INACTIVE   holds  0   15   at     | FIRING 10 10 - 2     FIRING
        INACTIVE   holds  10  0    before | PENDING 5 - - 2      PENDING
        INACTIVE   holds  10  0    at     | PENDING 10 - - 2     PENDING
        INACTIVE   holds  10  15   before | PENDING 5 - - 2      PENDING
        INACTIVE   holds  10  15   at     | PENDING 10 - - 2     PENDING
        INACTIVE   not    0   0    before | INACTIVE             -
        INACTIVE   not    0   0    at     | INACTIVE             -
        INACTIVE   not    0   15   before | INACTIVE             -
        INACTIVE   not    0   15   at     | INACTIVE             -
        INACTIVE   not    10  0    before | INACTIVE             -
        INACTIVE   not    10  0    at     | INACTIVE             -
        INACTIVE   not    10  15   before | INACTIVE             -
        INACTIVE   not    10  15   at     | INACTIVE             -
        INACTIVE   error  0   0    before | INACTIVE             -
        INACTIVE   error  0   0    at     | INACTIVE             -
        INACTIVE   error  0   15   before | INACTIVE             -
        INACTIVE   error  0   15   at     | INACTIVE             -
        INACTIVE   error  10  0    before | INACTIVE             -
        INACTIVE   error  10  0    at     | INACTIVE             -
        INACTIVE   error  10  15   before | INACTIVE             -
        INACTIVE   error  10  15   at     | INACTIVE             -
        # a pending instance under for=0 exists only after 'for' was shortened on reload: it fires at once
        PENDING    holds  0   0    before | FIRING 0 5 - 2       FIRING
        PENDING    holds  0   0    at     | FIRING 0 10 - 2      FIRING
        PENDING    holds  0   15   before | FIRING 0 5 - 2       FIRING
        PENDING    holds  0   15   at     | FIRING 0 10 - 2      FIRING
        PENDING    holds  10  0    before | PENDING 0 - - 2      -
        PENDING    holds  10  0    at     | FIRING 0 10 - 2      FIRING
        PENDING    holds  10  15   before | PENDING 0 - - 2      -
        PENDING    holds  10  15   at     | FIRING 0 10 - 2      FIRING
        # keep_firing_for never holds up a pending instance
        PENDING    not    0   0    before | INACTIVE             INACTIVE
        PENDING    not    0   0    at     | INACTIVE             INACTIVE
        PENDING    not    0   15   before | INACTIVE             INACTIVE
        PENDING    not    0   15   at     | INACTIVE             INACTIVE
        PENDING    not    10  0    before | INACTIVE             INACTIVE
        PENDING    not    10  0    at     | INACTIVE             INACTIVE
        PENDING    not    10  15   before | INACTIVE             INACTIVE
        PENDING    not    10  15   at     | INACTIVE             INACTIVE
        PENDING    error  0   0    before | PENDING 0 - - 1      -
        PENDING    error  0   0    at     | PENDING 0 - - 1      -
        PENDING    error  0   15   before | PENDING 0 - - 1      -
        PENDING    error  0   15   at     | PENDING 0 - - 1      -
        PENDING    error  10  0    before | PENDING 0 - - 1      -
        PENDING    error  10  0    at     | PENDING 0 - - 1      -
        PENDING    error  10  15   before | PENDING 0 - - 1      -
        PENDING    error  10  15   at     | PENDING 0 - - 1      -
        FIRING     holds  0   0    before | FIRING 0 10 - 2      -
        FIRING     holds  0   0    at     | FIRING 0 10 - 2      -
        FIRING     holds  0   15   before | FIRING 0 10 - 2      -
        FIRING     holds  0   15   at     | FIRING 0 10 - 2      -
        FIRING     holds  10  0    before | FIRING 0 10 - 2      -
        FIRING     holds  10  0    at     | FIRING 0 10 - 2      -
        FIRING     holds  10  15   before | FIRING 0 10 - 2      -
        FIRING     holds  10  15   at     | FIRING 0 10 - 2      -
        FIRING     not    0   0    before | INACTIVE             RESOLVED
        FIRING     not    0   0    at     | INACTIVE             RESOLVED
        # the first evaluation not holding starts keep_firing_for; the last value is kept
        FIRING     not    0   15   before | FIRING 0 10 15 1     -
        FIRING     not    0   15   at     | FIRING 0 10 20 1     -
        FIRING     not    10  0    before | INACTIVE             RESOLVED
        FIRING     not    10  0    at     | INACTIVE             RESOLVED
        FIRING     not    10  15   before | FIRING 0 10 15 1     -
        FIRING     not    10  15   at     | FIRING 0 10 20 1     -
        FIRING     error  0   0    before | FIRING 0 10 - 1      -
        FIRING     error  0   0    at     | FIRING 0 10 - 1      -
        FIRING     error  0   15   before | FIRING 0 10 - 1      -
        FIRING     error  0   15   at     | FIRING 0 10 - 1      -
        FIRING     error  10  0    before | FIRING 0 10 - 1      -
        FIRING     error  10  0    at     | FIRING 0 10 - 1      -
        FIRING     error  10  15   before | FIRING 0 10 - 1      -
        FIRING     error  10  15   at     | FIRING 0 10 - 1      -
        # holding again clears keepFiringSince and takes the new value
        KEPT       holds  0   0    before | FIRING 0 10 - 2      -
        KEPT       holds  0   0    at     | FIRING 0 10 - 2      -
        KEPT       holds  0   15   before | FIRING 0 10 - 2      -
        KEPT       holds  0   15   at     | FIRING 0 10 - 2      -
        KEPT       holds  10  0    before | FIRING 0 10 - 2      -
        KEPT       holds  10  0    at     | FIRING 0 10 - 2      -
        KEPT       holds  10  15   before | FIRING 0 10 - 2      -
        KEPT       holds  10  15   at     | FIRING 0 10 - 2      -
        # keep_firing_for shortened to 0 on reload: resolves at the next evaluation not holding
        KEPT       not    0   0    before | INACTIVE             RESOLVED
        KEPT       not    0   0    at     | INACTIVE             RESOLVED
        KEPT       not    0   15   before | FIRING 0 10 20 1     -
        KEPT       not    0   15   at     | INACTIVE             RESOLVED
        KEPT       not    10  0    before | INACTIVE             RESOLVED
        KEPT       not    10  0    at     | INACTIVE             RESOLVED
        KEPT       not    10  15   before | FIRING 0 10 20 1     -
        KEPT       not    10  15   at     | INACTIVE             RESOLVED
        KEPT       error  0   0    before | FIRING 0 10 20 1     -
        KEPT       error  0   0    at     | FIRING 0 10 20 1     -
        KEPT       error  0   15   before | FIRING 0 10 20 1     -
        KEPT       error  0   15   at     | FIRING 0 10 20 1     -
        KEPT       error  10  0    before | FIRING 0 10 20 1     -
        KEPT       error  10  0    at     | FIRING 0 10 20 1     -
        KEPT       error  10  15   before | FIRING 0 10 20 1     -
        KEPT       error  10  15   at     | FIRING 0 10 20 1     -
        """;

    record Row(String state, String obs, int forMin, int keepMin, String timer, String expected, String transition) {
        @Override
        public String toString() {
            return state + " " + obs + " for=" + forMin + "m keep=" + keepMin + "m " + timer;
        }
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String line : TABLE.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] sides = line.split("\\|");
            String[] in = sides[0].trim().split("\\s+");
            String[] out = sides[1].trim().split("\\s+");
            String transition = out[out.length - 1];
            String expected = String.join(" ", List.of(out).subList(0, out.length - 1));
            rows.add(new Row(in[0], in[1], Integer.parseInt(in[2]), Integer.parseInt(in[3]), in[4], expected, transition));
        }
        return rows;
    }

    static Stream<Row> cases() { return rows().stream(); }

    private static Instant min(int m) { return T0.plus(Duration.ofMinutes(m)); }

    private static AlertState start(String state) {
        return switch (state) {
            case "INACTIVE" -> AlertState.INACTIVE;
            case "PENDING" -> AlertState.pending(1, min(0));
            case "FIRING" -> AlertState.firing(1, min(0), min(10));
            case "KEPT" -> AlertState.keptFiring(1, min(0), min(10), min(20));
            default -> throw new IllegalArgumentException(state);
        };
    }

    private static Instant time(String state, String timer) {
        int[] beforeAt = switch (state) {
            case "INACTIVE", "PENDING" -> new int[] {5, 10};
            case "FIRING" -> new int[] {15, 20};
            default -> new int[] {30, 35};
        };
        return min(timer.equals("before") ? beforeAt[0] : beforeAt[1]);
    }

    private static Observation observation(String obs) {
        return switch (obs) {
            case "holds" -> new Observation.Holds(2);
            case "not" -> new Observation.NotHolding();
            default -> new Observation.Failed("store unavailable");
        };
    }

    /** {@code STATUS active fired kept value}, minutes after T0, {@code -} for null. */
    private static AlertState expected(String text) {
        String[] f = text.split(" ");
        if (f[0].equals("INACTIVE")) return AlertState.INACTIVE;
        return new AlertState(AlertStatus.valueOf(f[0]), Double.parseDouble(f[4]), at(f[1]), at(f[2]), at(f[3]));
    }

    private static Instant at(String minutes) {
        return minutes.equals("-") ? null : min(Integer.parseInt(minutes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void transition(Row row) {
        AlertState from = start(row.state());
        Instant t = time(row.state(), row.timer());
        AlertLifecycle.Step step = AlertLifecycle.next(from, observation(row.obs()),
                Duration.ofMinutes(row.forMin()), Duration.ofMinutes(row.keepMin()), t);

        assertThat(step.state()).isEqualTo(expected(row.expected()));
        if (row.transition().equals("-")) {
            assertThat(step.transition()).isEmpty();
        } else {
            Transition tr = step.transition().orElseThrow();
            assertThat(tr.kind()).isEqualTo(Transition.Kind.valueOf(row.transition()));
            assertThat(tr.at()).isEqualTo(t);
            assertThat(tr.from()).isEqualTo(from);
            assertThat(tr.to()).isEqualTo(step.state());
        }
    }

    @Test
    void tableCoversEveryCombinationExactlyOnce() {
        Set<String> seen = new HashSet<>();
        for (Row r : rows()) assertThat(seen.add(r.toString())).as("duplicate row %s", r).isTrue();
        Set<String> all = new HashSet<>();
        for (String s : List.of("INACTIVE", "PENDING", "FIRING", "KEPT")) {
            for (String o : List.of("holds", "not", "error")) {
                for (int f : new int[] {0, 10}) {
                    for (int k : new int[] {0, 15}) {
                        for (String timer : List.of("before", "at")) {
                            all.add(new Row(s, o, f, k, timer, "", "").toString());
                        }
                    }
                }
            }
        }
        assertThat(seen).isEqualTo(all).hasSize(96);
    }

    @Test
    void transitionsReportTheLastValueHeld() {
        AlertLifecycle.Step resolved = AlertLifecycle.next(AlertState.firing(0.7, min(0), min(10)),
                new Observation.NotHolding(), Duration.ZERO, Duration.ZERO, min(20));
        assertThat(resolved.transition().orElseThrow().value()).isEqualTo(0.7);
        AlertLifecycle.Step fired = AlertLifecycle.next(AlertState.pending(0.7, min(0)),
                new Observation.Holds(0.9), Duration.ofMinutes(10), Duration.ZERO, min(10));
        assertThat(fired.transition().orElseThrow().value()).isEqualTo(0.9);
    }
}
