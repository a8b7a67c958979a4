package io.vigil.notify;

import java.time.Duration;

/** Delivers one kind of delivery ({@code notify} channels, {@code action} runs); one attempt per call. */
public interface Sender {

    /** Makes one attempt; never throws for a failure of the receiver, which is an {@link Outcome}. */
    Outcome send(Delivery delivery);

    /** The longest one attempt to {@code target} can take; a claimed delivery is left alone that long. */
    Duration timeout(String target);

    /** How long deliveries to {@code target} are retried; null for the dispatcher's {@code delivery.max_age}. */
    default Duration retryFor(String target) { return null; }

    /** Whether alerts of one rule for {@code target} may share one message. */
    default boolean groups(String target) { return true; }
}
