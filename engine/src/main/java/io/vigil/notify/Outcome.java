package io.vigil.notify;

import java.time.Duration;

/** How one delivery attempt ended; the dispatcher records it and decides what happens next. */
public sealed interface Outcome permits Outcome.Delivered, Outcome.Retry, Outcome.Dead {

    /** Accepted by the receiver (2xx, SMTP 250, exit code 0); {@code result} is kept with the delivery. */
    record Delivered(String result) implements Outcome {}

    /**
     * A failure that may pass (timeout, 5xx, 429, connection refused, SMTP 4xx).
     *
     * @param retryAfter the receiver's {@code Retry-After}, or null to back off exponentially
     */
    record Retry(String reason, Duration retryAfter) implements Outcome {
        public Retry(String reason) { this(reason, null); }
    }

    /** A failure that repeating cannot fix (4xx, authentication refused, bad address, non-zero exit). */
    record Dead(String reason, String result) implements Outcome {
        public Dead(String reason) { this(reason, null); }
    }
}
