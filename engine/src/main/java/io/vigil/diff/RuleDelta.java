package io.vigil.diff;

import io.vigil.testing.RuleSummary;
import java.time.Duration;
import java.util.List;

/**
 * What one changed rule would have done differently over the backtest range.
 *
 * @param before      the old version's summary, null for an added rule
 * @param after       the new version's summary, null for a removed rule
 * @param onlyBefore  episodes the old version had and the new one has nowhere near (same labels, overlapping)
 * @param onlyAfter   episodes only the new version has
 * @param moved       episodes both have, with another start or end: each pair old → new
 * @param same        episodes both have with the same start and end
 */
public record RuleDelta(RuleChange change, RuleSummary before, RuleSummary after, List<Episode> onlyBefore,
                        List<Episode> onlyAfter, List<Moved> moved, int same, String failureBefore, String failureAfter) {

    public RuleDelta {
        onlyBefore = List.copyOf(onlyBefore);
        onlyAfter = List.copyOf(onlyAfter);
        moved = List.copyOf(moved);
    }

    /** An episode both versions have, whose start or end moved. */
    public record Moved(Episode before, Episode after) {}

    public long episodesBefore() { return before == null ? 0 : same + moved.size() + onlyBefore.size(); }

    public long episodesAfter() { return after == null ? 0 : same + moved.size() + onlyAfter.size(); }

    public Duration firingBefore() { return before == null ? Duration.ZERO : before.firing(); }

    public Duration firingAfter() { return after == null ? Duration.ZERO : after.firing(); }

    /** Whether the two versions would have alerted, notified or acted any differently. */
    public boolean differs() {
        return !onlyBefore.isEmpty() || !onlyAfter.isEmpty() || !moved.isEmpty()
                || !notifications(before).equals(notifications(after)) || !actions(before).equals(actions(after));
    }

    private static java.util.Map<String, String> notifications(RuleSummary s) {
        return s == null ? java.util.Map.of() : s.notifications();
    }

    private static java.util.Map<String, String> actions(RuleSummary s) {
        return s == null ? java.util.Map.of() : s.actions();
    }
}
