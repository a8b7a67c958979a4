package io.vigil.notify;

import java.time.Instant;
import java.util.List;

/**
 * One message or action run the dispatcher sends: its target, the alerts it tells of, and its
 * idempotency key, which stays the same across retries and restarts.
 *
 * @param kind     {@code notify} (a channel) or {@code action}
 * @param event    {@code firing}, {@code repeat}, {@code resolved} or {@code trigger}
 * @param attempts attempts made so far, including the one about to be made
 * @param alerts   the alerts, sorted by labels; one for an action run
 */
public record Delivery(long id, String idempotencyKey, String kind, String target, String model, String rule,
                       String event, int attempts, Instant createdAt, List<AlertEvent> alerts) {
    public Delivery {
        alerts = List.copyOf(alerts);
    }

    /** The first alert, which templates for the whole message are rendered against. */
    public AlertEvent first() { return alerts.get(0); }

    /** {@code firing} or {@code resolved}: what the message says the alerts are now. */
    public String status() { return event.equals("resolved") ? "resolved" : "firing"; }

    /** {@code model/rule event}, for logs and errors. */
    public String describe() {
        return kind + " " + target + " (" + model + "/" + rule + " " + event + ", delivery " + id + ")";
    }
}
