package io.vigil.diff;

import io.vigil.testing.BacktestResult;
import java.time.Duration;
import java.time.Instant;
import java.util.SortedMap;

/**
 * One stretch of time an alert instance fired in a backtest.
 *
 * @param open still firing at the end of the range (its end is the range's end)
 */
public record Episode(SortedMap<String, String> labels, Instant start, Instant end, boolean open) {

    static Episode of(BacktestResult.Period p) {
        return new Episode(p.labels(), p.from(), p.to(), p.open());
    }

    public Duration length() { return Duration.between(start, end); }

    boolean overlaps(Episode o) {
        return labels.equals(o.labels) && start.isBefore(o.end) && o.start.isBefore(end);
    }
}
