package io.vigil.store;

/** The time-aggregation functions of language.md §3.2, plus {@link #LAST}, the bare selector. */
public enum WindowFunction {
    /** Latest sample at or before T no older than the staleness limit (a stale marker ends it). */
    LAST,
    AVG, MIN, MAX, SUM, COUNT,
    /** Population standard deviation. */
    STDDEV,
    /** q-quantile with linear interpolation between closest ranks. */
    QUANTILE,
    /** last − the latest sample at or before T − d (that one obeying staleness measured from T − d). */
    DELTA,
    /** (avg over (T−d, T] − avg over (T−2d, T−d]) / |avg over (T−2d, T−d]|. */
    CHANGE,
    /** (last − mean over (T−d, T]) / population stddev over the same window. */
    ZSCORE,
    /** One element valued 1 when no sample of any selected series lies in (T − d, T]. */
    ABSENT;

    /** True for the functions that aggregate the samples of one window in SQL. */
    boolean isPlainAggregate() {
        return switch (this) {
            case AVG, MIN, MAX, SUM, COUNT, STDDEV, QUANTILE -> true;
            default -> false;
        };
    }
}
