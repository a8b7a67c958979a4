package io.vigil.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One metric value of one series at one time, or a stale marker ({@code stale} true, value NaN) that
 * ends the series until its next sample (language.md §3.1).
 */
public record MetricSample(SeriesKey series, Instant at, double value, boolean stale) {
    public MetricSample {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(at, "at");
        if (stale) value = Double.NaN;
    }

    public static MetricSample of(SeriesKey series, Instant at, double value) {
        return new MetricSample(series, at, value, false);
    }

    public static MetricSample staleMarker(SeriesKey series, Instant at) {
        return new MetricSample(series, at, Double.NaN, true);
    }
}
