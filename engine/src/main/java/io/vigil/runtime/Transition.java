package io.vigil.runtime;

import java.time.Instant;

/** A change of an instance's status at an evaluation, with the states on both sides. */
public record Transition(Kind kind, Instant at, AlertState from, AlertState to) {

    /** What happened; every kind is recorded, and notifications go out on FIRING and RESOLVED. */
    public enum Kind {
        /** inactive → pending: the condition started holding and {@code for} > 0. */
        PENDING,
        /** pending or inactive → firing. */
        FIRING,
        /** firing → inactive: stopped holding and {@code keep_firing_for} ran out. */
        RESOLVED,
        /** pending → inactive: stopped holding before {@code for} passed; nothing is sent. */
        INACTIVE
    }

    /** The instance's value the transition reports: the last value it held with. */
    public double value() {
        return to.isActive() ? to.value() : from.value();
    }
}
