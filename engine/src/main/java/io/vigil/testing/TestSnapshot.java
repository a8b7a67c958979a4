package io.vigil.testing;

import io.vigil.check.ResolvedRule;
import io.vigil.runtime.AlertBook;
import io.vigil.runtime.AlertState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a test at time {@code t} sees: each rule's active instances after its latest evaluation at or
 * before t, the notifications and actions sent since the previous test time, and the rules whose latest
 * evaluation failed.
 *
 * @param active rule id → instance labels → state (pending or firing)
 */
record TestSnapshot(Instant t, Map<String, Map<Map<String, String>, AlertState>> active,
                    List<ReplayOutbox.Delivery> deliveries, Map<String, Failure> failures) {

    /** A rule's latest evaluation failed at {@code at}. */
    record Failure(Instant at, String message) {}

    static TestSnapshot of(Instant t, Collection<ResolvedRule> rules, AlertBook book, List<ReplayOutbox.Delivery> window,
                           Map<String, Failure> failures) {
        Map<String, Map<Map<String, String>, AlertState>> active = new TreeMap<>();
        for (ResolvedRule r : rules) active.put(r.id(), book.tracker(r).active());
        return new TestSnapshot(t, active, List.copyOf(window), Map.copyOf(failures));
    }
}
