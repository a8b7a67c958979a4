package io.vigil.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates window functions (language.md §3.1–3.2) with one or two SQL statements each: the
 * aggregates run in the database over the samples primary key (series_id, ts), so only one row per
 * series comes back. Windows are half-open, (T − d, T]; a latest sample may be as old as the
 * staleness limit and no older; stale markers are never values and end a series until its next sample.
 */
final class WindowEvaluator {
    /**
     * The selected series as a table joined to samples, not {@code series_id = ANY(?)}: H2 2.x plans an
     * array parameter as an IN list on the key but then walks the whole key (every sample in the store,
     * seconds per query on 20 M rows); the join seeks the key once per series on H2 and PostgreSQL alike.
     */
    private static final String SELECTED = " FROM UNNEST(?) AS selected(id) JOIN samples ON samples.series_id = selected.id";
    private static final String RANGE = SELECTED + " WHERE ts > ? AND ts <= ?";

    private final SqlDialect dialect;
    private final SeriesRegistry registry;

    /** The latest entry of a series that is a value, not a stale marker. */
    private record Latest(long ts, double value) {}

    /** A stored entry: a value, or a stale marker (null). */
    private record Entry(long ts, Double value) {}

    WindowEvaluator(SqlDialect dialect, SeriesRegistry registry) {
        this.dialect = dialect;
        this.registry = registry;
    }

    List<SeriesValue> evaluate(Connection c, WindowQuery q) throws SQLException {
        List<SeriesRegistry.Row> rows = registry.select(c, q.selector());
        long t = q.at().toEpochMilli();
        long d = q.function() == WindowFunction.LAST ? 0 : q.window().toMillis();
        long staleness = q.staleness().toMillis();
        if (q.function() == WindowFunction.ABSENT) {
            boolean any = !rows.isEmpty() && anySample(c, SeriesRegistry.idsOf(rows), t - d, t);
            return any ? List.of() : List.of(new SeriesValue(q.selector().equalityLabels(), 1.0));
        }
        if (rows.isEmpty()) return List.of();
        long[] ids = SeriesRegistry.idsOf(rows);
        Map<Long, Double> values = new HashMap<>();
        switch (q.function()) {
            case LAST -> latest(c, ids, t, staleness).forEach((id, l) -> values.put(id, l.value()));
            case AVG, MIN, MAX, SUM, COUNT, STDDEV ->
                    aggregate(c, ids, aggregateSql(q.function()), List.of(), t - d, t)
                            .forEach((id, v) -> values.put(id, v[0]));
            case QUANTILE -> quantile(c, ids, q.quantile(), t - d, t, values);
            case DELTA -> {
                Map<Long, Latest> start = latest(c, ids, t - d, staleness);
                latest(c, ids, t, staleness).forEach((id, end) -> {
                    Latest s = start.get(id);
                    if (end.ts() > t - d && s != null) values.put(id, end.value() - s.value());
                });
            }
            case CHANGE -> aggregate(c, ids,
                    "AVG(CASE WHEN ts > ? THEN val END), AVG(CASE WHEN ts <= ? THEN val END)",
                    List.of(t - d, t - d), t - 2 * d, t).forEach((id, v) -> {
                        if (v[0] != null && v[1] != null) values.put(id, (v[0] - v[1]) / Math.abs(v[1]));
                    });
            case ZSCORE -> {
                Map<Long, Double[]> stats = aggregate(c, ids, "AVG(val), STDDEV_POP(val)", List.of(), t - d, t);
                latest(c, ids, t, staleness).forEach((id, last) -> {
                    Double[] s = stats.get(id);
                    if (s != null) values.put(id, (last.value() - s[0]) / s[1]);
                });
            }
            default -> throw new IllegalStateException("unhandled " + q.function());
        }
        Map<Long, Labels> labels = SeriesRegistry.resultLabels(rows, q.selector());
        List<SeriesValue> out = new ArrayList<>(values.size());
        values.forEach((id, v) -> out.add(new SeriesValue(labels.get(id), v)));
        out.sort(Comparator.comparing(SeriesValue::labels));
        return out;
    }

    /** The entries of each selected series in (from, to], for {@link SeriesEntries#evaluate}. */
    List<SeriesEntries> entries(Connection c, Selector selector, long from, long to) throws SQLException {
        List<SeriesRegistry.Row> rows = registry.select(c, selector);
        if (rows.isEmpty()) return List.of();
        long[] ids = SeriesRegistry.idsOf(rows);
        Map<Long, EntryColumns> columns = new HashMap<>();
        // No ORDER BY: the join walks the (series_id, ts) key, so entries come in time order per series, and
        // asking for it made H2 sort the whole range in a temporary table; toEntries checks the order anyway.
        try (PreparedStatement ps = c.prepareStatement("SELECT series_id, ts, val" + RANGE)) {
            bindRange(c, ps, 1, ids, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    long ts = rs.getLong(2);
                    double v = rs.getDouble(3);
                    boolean isStale = rs.wasNull(); // read right after the value it refers to
                    columns.computeIfAbsent(id, k -> new EntryColumns()).add(ts, v, isStale);
                }
            }
        }
        Map<Long, Labels> labels = SeriesRegistry.resultLabels(rows, selector);
        List<SeriesEntries> out = new ArrayList<>(rows.size());
        for (SeriesRegistry.Row r : rows) {
            out.add(columns.getOrDefault(r.id(), new EntryColumns()).toEntries(labels.get(r.id())));
        }
        return out;
    }

    /** Growable columns of one series' entries. */
    private static final class EntryColumns {
        private long[] ts = new long[16];
        private double[] values = new double[16];
        private boolean[] stale = new boolean[16];
        private int n;

        private boolean ordered() {
            for (int i = 1; i < n; i++) if (ts[i] <= ts[i - 1]) return false;
            return true;
        }

        private void sort() {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> ts[i]));
            long[] t2 = new long[n];
            double[] v2 = new double[n];
            boolean[] s2 = new boolean[n];
            for (int i = 0; i < n; i++) {
                t2[i] = ts[order[i]];
                v2[i] = values[order[i]];
                s2[i] = stale[order[i]];
            }
            ts = t2;
            values = v2;
            stale = s2;
        }

        void add(long t, double v, boolean isStale) {
            if (n == ts.length) {
                ts = java.util.Arrays.copyOf(ts, n * 2);
                values = java.util.Arrays.copyOf(values, n * 2);
                stale = java.util.Arrays.copyOf(stale, n * 2);
            }
            ts[n] = t;
            values[n] = isStale ? Double.NaN : v;
            stale[n++] = isStale;
        }

        SeriesEntries toEntries(Labels labels) {
            if (!ordered()) sort();
            return new SeriesEntries(labels, java.util.Arrays.copyOf(ts, n), java.util.Arrays.copyOf(values, n),
                    java.util.Arrays.copyOf(stale, n));
        }
    }

    private static String aggregateSql(WindowFunction f) {
        return switch (f) {
            case AVG -> "AVG(val)";
            case MIN -> "MIN(val)";
            case MAX -> "MAX(val)";
            case SUM -> "SUM(val)";
            case COUNT -> "COUNT(val)";
            case STDDEV -> "STDDEV_POP(val)";
            default -> throw new IllegalArgumentException(f + " is not a plain aggregate");
        };
    }

    private void quantile(Connection c, long[] ids, double q, long from, long to, Map<Long, Double> values)
            throws SQLException {
        if (q >= 0 && q <= 1) {
            aggregate(c, ids, "PERCENTILE_CONT(?) WITHIN GROUP (ORDER BY val)", List.of(q), from, to)
                    .forEach((id, v) -> values.put(id, v[0]));
            return;
        }
        // As Prometheus: q < 0 gives -Inf, q > 1 gives +Inf, for every series that has samples.
        double v = Double.isNaN(q) ? Double.NaN : q < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        aggregate(c, ids, "COUNT(val)", List.of(), from, to).keySet().forEach(id -> values.put(id, v));
    }

    /**
     * Runs {@code SELECT series_id, <columns>} over the values (not stale markers) in (from, to];
     * {@code params} bind the placeholders inside {@code columns}. A column is null where SQL gives NULL.
     */
    private Map<Long, Double[]> aggregate(Connection c, long[] ids, String columns, List<Object> params,
                                          long from, long to) throws SQLException {
        String sql = "SELECT series_id, " + columns + RANGE + " AND val IS NOT NULL GROUP BY series_id";
        Map<Long, Double[]> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object p : params) ps.setObject(i++, p);
            bindRange(c, ps, i, ids, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount() - 1;
                while (rs.next()) {
                    Double[] v = new Double[n];
                    for (int k = 0; k < n; k++) {
                        double x = rs.getDouble(k + 2);
                        v[k] = rs.wasNull() ? null : x;
                    }
                    out.put(rs.getLong(1), v);
                }
            }
        }
        return out;
    }

    /**
     * Per series, the latest entry in [at − staleness, at], unless that entry is a stale marker. The
     * entries of the range come back and the latest is picked here: the range is a few samples per
     * series, and the self-join on {@code MAX(ts)} this replaces read every sample of each series on
     * H2 (about 11 ms per series on 7 days of 5-minute samples, two thirds of a 1,000-rule round).
     */
    private Map<Long, Latest> latest(Connection c, long[] ids, long at, long staleness) throws SQLException {
        Map<Long, Entry> entries = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT series_id, ts, val" + SELECTED + " WHERE ts >= ? AND ts <= ?")) {
            dialect.bindIds(c, ps, 1, ids);
            ps.setLong(2, at - staleness);
            ps.setLong(3, at);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    long ts = rs.getLong(2);
                    double v = rs.getDouble(3);
                    Entry entry = new Entry(ts, rs.wasNull() ? null : v);
                    entries.merge(id, entry, (a, b) -> a.ts() >= b.ts() ? a : b);
                }
            }
        }
        Map<Long, Latest> out = new HashMap<>();
        entries.forEach((id, e) -> {
            if (e.value() != null) out.put(id, new Latest(e.ts(), e.value()));
        });
        return out;
    }

    private boolean anySample(Connection c, long[] ids, long from, long to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1" + RANGE + " AND val IS NOT NULL FETCH FIRST 1 ROWS ONLY")) {
            bindRange(c, ps, 1, ids, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void bindRange(Connection c, PreparedStatement ps, int first, long[] ids, long from, long to)
            throws SQLException {
        dialect.bindIds(c, ps, first, ids);
        ps.setLong(first + 1, from);
        ps.setLong(first + 2, to);
    }
}
