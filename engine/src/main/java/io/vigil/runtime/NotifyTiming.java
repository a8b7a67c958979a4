package io.vigil.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * When a channel should hear about an instance (language.md §4): on firing, again every {@code repeat}
 * while it stays firing, and once on resolved — but only about episodes it was told of. Pure: the
 * caller passes when it last sent for this (instance, channel); silences and grouping come after.
 */
public final class NotifyTiming {
    private NotifyTiming() {}

    /** What to send now for one instance on one channel. */
    public enum Send { NONE, FIRING, REPEAT, RESOLVED }

    /**
     * @param step       the instance's step in this evaluation
     * @param lastSentAt when this channel was last sent a firing or repeat message for the instance, or
     *                   null; a time before the current episode's firedAt counts as never
     * @param repeat     the rule's {@code repeat} for this channel, or null for no repeats
     */
    public static Send decide(AlertLifecycle.Step step, Instant lastSentAt, Duration repeat, Instant t) {
        if (step.transition().isPresent()) {
            Transition tr = step.transition().get();
            return switch (tr.kind()) {
                case FIRING -> Send.FIRING;
                case RESOLVED -> toldOf(tr.from(), lastSentAt) ? Send.RESOLVED : Send.NONE;
                default -> Send.NONE;
            };
        }
        AlertState s = step.state();
        if (s.status() != AlertStatus.FIRING) return Send.NONE;
        // Firing without a message for this episode (e.g. a silence covered its start): tell now.
        if (!toldOf(s, lastSentAt)) return Send.FIRING;
        boolean repeats = repeat != null && repeat.compareTo(Duration.ZERO) > 0;
        return repeats && !t.isBefore(lastSentAt.plus(repeat)) ? Send.REPEAT : Send.NONE;
    }

    private static boolean toldOf(AlertState firing, Instant lastSentAt) {
        return lastSentAt != null && !lastSentAt.isBefore(firing.firedAt());
    }
}
