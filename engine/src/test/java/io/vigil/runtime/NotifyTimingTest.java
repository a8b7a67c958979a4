package io.vigil.runtime;

import static io.vigil.runtime.NotifyTiming.Send.FIRING;
import static io.vigil.runtime.NotifyTiming.Send.NONE;
import static io.vigil.runtime.NotifyTiming.Send.REPEAT;
import static io.vigil.runtime.NotifyTiming.Send.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotifyTimingTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration EVERY = Duration.ofMinutes(5);

    private static Instant min(long m) { return T0.plusSeconds(60 * m); }

    /**
     * Drives one instance through holding (h) and not holding (.) evaluations every 5m, sending whatever
     * {@link NotifyTiming} says and remembering when, and returns "minute:SEND" for each send.
     */
    private static List<String> run(String pattern, Duration forDuration, Duration repeat) {
        AlertState state = AlertState.INACTIVE;
        Instant lastSent = null;
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            Instant t = min(5L * i);
            Observation obs = pattern.charAt(i) == 'h' ? new Observation.Holds(1) : new Observation.NotHolding();
            AlertLifecycle.Step step = AlertLifecycle.next(state, obs, forDuration, Duration.ZERO, t);
            NotifyTiming.Send send = NotifyTiming.decide(step, lastSent, repeat, t);
            if (send != NONE) {
                sent.add(5 * i + ":" + send);
                if (send != RESOLVED) lastSent = t;
            }
            state = step.state();
        }
        return sent;
    }

    @Test
    void sendsOnFiringEveryRepeatAndOnceOnResolved() {
        // fires at 0, repeats at 30 and 60 (repeat 30m), resolves at 70
        assertThat(run("hhhhhhhhhhhhhh..", Duration.ZERO, Duration.ofMinutes(30)))
                .containsExactly("0:FIRING", "30:REPEAT", "60:REPEAT", "70:RESOLVED");
    }

    @Test
    void noRepeatWithoutRepeatInterval() {
        assertThat(run("hhhhhhhhh.", Duration.ZERO, null)).containsExactly("0:FIRING", "45:RESOLVED");
    }

    @Test
    void pendingThatNeverFiresSendsNothing() {
        assertThat(run("hh.hh.", Duration.ofMinutes(15), Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void pendingThenFiring() {
        assertThat(run("hhhhh.", Duration.ofMinutes(10), null)).containsExactly("10:FIRING", "25:RESOLVED");
    }

    @Test
    void aNewEpisodeIsAnnouncedAgain() {
        assertThat(run("hh.h.", Duration.ZERO, Duration.ofHours(1)))
                .containsExactly("0:FIRING", "10:RESOLVED", "15:FIRING", "20:RESOLVED");
    }

    @Test
    void firingNeverAnnouncedIsAnnouncedLateAndItsResolutionOnlyThen() {
        AlertState firing = AlertState.firing(1, min(0), min(0));
        AlertLifecycle.Step stillFiring = AlertLifecycle.next(firing, new Observation.Holds(1), Duration.ZERO, Duration.ZERO, min(5));
        // e.g. a silence covered the start: the channel was never told, so it is told now
        assertThat(NotifyTiming.decide(stillFiring, null, null, min(5))).isEqualTo(FIRING);
        // a send from an earlier episode does not count
        assertThat(NotifyTiming.decide(stillFiring, min(-30), null, min(5))).isEqualTo(FIRING);

        AlertLifecycle.Step resolved = AlertLifecycle.next(firing, new Observation.NotHolding(), Duration.ZERO, Duration.ZERO, min(5));
        assertThat(NotifyTiming.decide(resolved, null, null, min(5))).as("never told it fired").isEqualTo(NONE);
        assertThat(NotifyTiming.decide(resolved, min(0), null, min(5))).isEqualTo(RESOLVED);
    }

    @Test
    void repeatIsDueExactlyAtTheInterval() {
        AlertState firing = AlertState.firing(1, min(0), min(0));
        AlertLifecycle.Step step = AlertLifecycle.next(firing, new Observation.Holds(1), Duration.ZERO, Duration.ZERO, min(60));
        assertThat(NotifyTiming.decide(step, min(0), Duration.ofHours(1), min(60))).isEqualTo(REPEAT);
        assertThat(NotifyTiming.decide(step, min(1), Duration.ofHours(1), min(60))).isEqualTo(NONE);
    }
}
