package io.vigil.check;

/** The families of built-in functions, which differ in how they are checked and planned. */
public enum FunctionKind {
    /** Per-series time aggregation over a window of stored samples: {@code avg(s, d)}. */
    WINDOW,
    /** A statistic of {@link StatisticRegistry}, with named arguments: {@code psi(feature="x")}. */
    STATISTIC,
    /** A function of each element's value, keeping labels: {@code abs(e)}, {@code clamp_min(e, 0)} ({@link ElementFunction}). */
    ELEMENTWISE,
    /** Aggregation across series of an expression: {@code count_of(e) by (l)}. */
    AGGREGATION,
    /** {@code prior(d)}: only valid as the value of a distribution function's {@code baseline=}. */
    BASELINE_WINDOW
}
