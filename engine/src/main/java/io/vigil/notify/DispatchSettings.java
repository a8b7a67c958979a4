package io.vigil.notify;

import java.time.Duration;

/**
 * How the dispatcher works.
 *
 * @param poll           how often it looks for due work when nothing wakes it
 * @param notifyWorkers  messages sent at the same time
 * @param actionWorkers  action runs at the same time (commands can take hours)
 * @param leaseGrace     added to a target's timeout for the claim on a delivery: after a crash, another
 *                       dispatcher retries the delivery once the claim has lapsed
 * @param approvalExpiry how long an action run waits for approval
 */
public record DispatchSettings(RetryPolicy retry, Duration poll, int notifyWorkers, int actionWorkers,
                               Duration leaseGrace, Duration approvalExpiry) {

    public static DispatchSettings defaults() {
        // Grace 5 s: an attempt is bounded by the target's timeout, so the lease only needs to cover
        // recording the outcome; a dead node's deliveries go out again timeout + 5 s later (was 30 s).
        return new DispatchSettings(RetryPolicy.defaults(), Duration.ofSeconds(1), 4, 2, Duration.ofSeconds(5),
                Duration.ofHours(24));
    }

    public DispatchSettings withRetry(RetryPolicy r) {
        return new DispatchSettings(r, poll, notifyWorkers, actionWorkers, leaseGrace, approvalExpiry);
    }

    public DispatchSettings withPoll(Duration p) {
        return new DispatchSettings(retry, p, notifyWorkers, actionWorkers, leaseGrace, approvalExpiry);
    }

    public DispatchSettings withLeaseGrace(Duration g) {
        return new DispatchSettings(retry, poll, notifyWorkers, actionWorkers, g, approvalExpiry);
    }

    public DispatchSettings withApprovalExpiry(Duration e) {
        return new DispatchSettings(retry, poll, notifyWorkers, actionWorkers, leaseGrace, e);
    }
}
