package io.vigil.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The stored entries of one series over a time range (values, and stale markers as NaN with
 * {@code stale} set), so one window query can be answered at many times without a statement per time:
 * a query_range or a backtest reads a selector's range once and slides the window here.
 * {@link #evaluate} has the semantics of the store's SQL ({@code WindowEvaluator}, language.md §3.2);
 * {@code SeriesEntriesTest} holds the two to the same answers on H2 and PostgreSQL, time by time.
 *
 * @param ts     entry times in epoch milliseconds, strictly increasing
 * @param values the value of each entry; NaN at a stale marker
 * @param stale  true where the entry is a stale marker
 */
public record SeriesEntries(Labels labels, long[] ts, double[] values, boolean[] stale) {

    /** The query's elements at {@code q.at()}, as {@link MetricStore#query} gives them (sorted by labels). */
    public static List<SeriesValue> evaluate(List<SeriesEntries> series, WindowQuery q) {
        long t = q.at().toEpochMilli();
        long d = q.function() == WindowFunction.LAST ? 0 : q.window().toMillis();
        long staleness = q.staleness().toMillis();
        if (q.function() == WindowFunction.ABSENT) {
            for (SeriesEntries s : series) if (s.anyValue(t - d, t)) return List.of();
            return List.of(new SeriesValue(q.selector().equalityLabels(), 1.0));
        }
        List<SeriesValue> out = new ArrayList<>(series.size());
        for (SeriesEntries s : series) {
            Double v = s.value(q.function(), t, d, staleness, q.quantile());
            if (v != null) out.add(new SeriesValue(s.labels, v));
        }
        out.sort(Comparator.comparing(SeriesValue::labels));
        return out;
    }

    /**
     * How far before the earliest evaluation time a query reads: the window, twice it for change(), the
     * window plus the staleness limit for delta(), and the staleness limit for a latest sample.
     */
    public static long lookbackMillis(WindowQuery q) {
        long d = q.function() == WindowFunction.LAST ? 0 : q.window().toMillis();
        long staleness = q.staleness().toMillis();
        return switch (q.function()) {
            case CHANGE -> 2 * d;
            case DELTA -> d + staleness;
            default -> Math.max(d, staleness);
        };
    }

    /** The function's value at t, or null when the series has none there (NaN is a value: 0/0 of change). */
    private Double value(WindowFunction f, long t, long d, long staleness, double q) {
        switch (f) {
            case LAST: {
                int i = latestIndex(t, staleness);
                return i < 0 ? null : values[i];
            }
            case AVG, MIN, MAX, SUM, COUNT, STDDEV: {
                double[] w = window(t - d, t);
                if (w.length == 0) return null;
                return switch (f) {
                    case AVG -> mean(w);
                    case MIN -> Arrays.stream(w).min().getAsDouble();
                    case MAX -> Arrays.stream(w).max().getAsDouble();
                    case SUM -> sum(w);
                    case COUNT -> (double) w.length;
                    default -> populationStddev(w);
                };
            }
            case QUANTILE: {
                double[] w = window(t - d, t);
                if (w.length == 0) return null;
                // As Prometheus: q < 0 gives -Inf, q > 1 gives +Inf, for every series that has samples.
                if (Double.isNaN(q)) return Double.NaN;
                if (q < 0) return Double.NEGATIVE_INFINITY;
                if (q > 1) return Double.POSITIVE_INFINITY;
                Arrays.sort(w);
                double pos = q * (w.length - 1);
                int lo = (int) Math.floor(pos);
                int hi = (int) Math.ceil(pos);
                return w[lo] + (pos - lo) * (w[hi] - w[lo]);
            }
            case DELTA: {
                int end = latestIndex(t, staleness);
                int start = latestIndex(t - d, staleness);
                if (end < 0 || start < 0 || ts[end] <= t - d) return null;
                return values[end] - values[start];
            }
            case CHANGE: {
                double[] now = window(t - d, t);
                double[] before = window(t - 2 * d, t - d);
                if (now.length == 0 || before.length == 0) return null;
                double b = mean(before);
                return (mean(now) - b) / Math.abs(b);
            }
            case ZSCORE: {
                double[] w = window(t - d, t);
                int last = latestIndex(t, staleness);
                if (w.length == 0 || last < 0) return null;
                return (values[last] - mean(w)) / populationStddev(w);
            }
            default:
                throw new IllegalStateException("unhandled " + f);
        }
    }

    /** The latest entry in [t − staleness, t] if it is a value, else −1 (a stale marker ends the series). */
    private int latestIndex(long t, long staleness) {
        int i = lastAtOrBefore(t);
        if (i < 0 || ts[i] < t - staleness || stale[i]) return -1;
        return i;
    }

    /** The values (not stale markers) in (from, to]. */
    private double[] window(long from, long to) {
        int first = lastAtOrBefore(from) + 1;
        int last = lastAtOrBefore(to);
        double[] out = new double[Math.max(0, last - first + 1)];
        int n = 0;
        for (int i = first; i <= last; i++) if (!stale[i]) out[n++] = values[i];
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private boolean anyValue(long from, long to) {
        int last = lastAtOrBefore(to);
        for (int i = last; i >= 0 && ts[i] > from; i--) if (!stale[i]) return true;
        return false;
    }

    /** Index of the last entry at or before t, or −1. */
    private int lastAtOrBefore(long t) {
        int i = Arrays.binarySearch(ts, t);
        return i >= 0 ? i : -i - 2;
    }

    private static double sum(double[] w) {
        double s = 0;
        for (double v : w) s += v;
        return s;
    }

    private static double mean(double[] w) {
        return sum(w) / w.length;
    }

    private static double populationStddev(double[] w) {
        double m = mean(w);
        double ss = 0;
        for (double v : w) ss += (v - m) * (v - m);
        return Math.sqrt(ss / w.length);
    }
}
