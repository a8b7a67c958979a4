package io.vigil.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One operand query of a rule: a window function over a selector, evaluated at time {@code at}.
 *
 * @param window    d, the window length (ignored by {@link WindowFunction#LAST})
 * @param staleness the staleness limit for functions that take a latest sample (LAST, DELTA, ZSCORE)
 * @param quantile  q for {@link WindowFunction#QUANTILE}; otherwise ignored
 */
public record WindowQuery(WindowFunction function, Selector selector, Instant at, Duration window,
                          Duration staleness, double quantile) {
    public WindowQuery {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(staleness, "staleness");
        if (function != WindowFunction.LAST) {
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive, got " + window);
            }
        }
        if (staleness.isNegative()) throw new IllegalArgumentException("staleness must not be negative, got " + staleness);
    }

    /** The bare selector (or {@code last(s)}). */
    public static WindowQuery last(Selector selector, Instant at, Duration staleness) {
        return new WindowQuery(WindowFunction.LAST, selector, at, null, staleness, Double.NaN);
    }

    /** Any function but {@link WindowFunction#QUANTILE}. */
    public static WindowQuery of(WindowFunction function, Selector selector, Instant at, Duration window,
                                 Duration staleness) {
        if (function == WindowFunction.QUANTILE) throw new IllegalArgumentException("use quantile(q, ...)");
        return new WindowQuery(function, selector, at, window, staleness, Double.NaN);
    }

    public static WindowQuery quantile(double q, Selector selector, Instant at, Duration window, Duration staleness) {
        return new WindowQuery(WindowFunction.QUANTILE, selector, at, window, staleness, q);
    }
}
