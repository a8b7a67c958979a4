package io.vigil.bench;

import io.vigil.store.Batch;
import io.vigil.store.Database;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.Labels;
import io.vigil.store.MetricSample;
import io.vigil.store.SeriesKey;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The store content of the engine-round benchmark: {@code models} models × {@code metrics} metric
 * names × {@code labelSets} label sets (10 segments × labelSets/10 regions), one sample every 5 minutes
 * for {@code days} days up to {@link #END}. Values are deterministic: a level per metric, a daily wave,
 * noise, and a drop of 30 % in the last day on one series in 37, so thresholds and {@code change}
 * rules breach on a few elements as they would in production.
 */
record EngineDataSet(int models, int metrics, int labelSets, int days) {
    static final Instant END = Instant.parse("2026-03-02T00:00:00Z");
    static final Duration STEP = Duration.ofMinutes(5);
    static final int SEGMENTS = 10;
    private static final long STEPS_PER_DAY = Duration.ofDays(1).dividedBy(STEP);
    /** Time steps per PostgreSQL COPY: one hour of every series, as an hour of ingest would be. */
    private static final int STEPS_PER_BATCH = 12;

    /** A metric name and its typical level; rules set thresholds relative to the level. */
    record Metric(String name, double level) {}

    static final List<Metric> METRICS = List.of(
            new Metric("accuracy", 0.9), new Metric("precision", 0.85), new Metric("recall", 0.8),
            new Metric("f1", 0.82), new Metric("auc", 0.93), new Metric("latency_ms", 120),
            new Metric("p99_latency_ms", 450), new Metric("error_rate", 0.02), new Metric("requests", 1500),
            new Metric("revenue", 800), new Metric("conversion_rate", 0.04), new Metric("queue_depth", 300),
            new Metric("throughput", 2500), new Metric("cpu_util", 0.55), new Metric("memory_mb", 2048),
            new Metric("null_ratio", 0.01), new Metric("prediction_mean", 0.3), new Metric("prediction_std", 0.12),
            new Metric("label_delay_min", 45), new Metric("timeouts", 12), new Metric("retries", 30),
            new Metric("cache_hit_rate", 0.7), new Metric("feature_freshness_min", 20),
            new Metric("score_drift", 0.05), new Metric("calibration_error", 0.03));

    EngineDataSet {
        if (metrics > METRICS.size()) throw new IllegalArgumentException("at most " + METRICS.size() + " metrics");
        if (labelSets % SEGMENTS != 0) throw new IllegalArgumentException("labelSets must be a multiple of " + SEGMENTS);
    }

    /** 4 models × 25 metrics × 100 label sets = 10,000 series over {@code days} days. */
    static EngineDataSet standard(int days) {
        return new EngineDataSet(4, 25, 100, days);
    }

    int series() { return models * metrics * labelSets; }

    long steps() { return days * STEPS_PER_DAY; }

    long samples() { return series() * steps(); }

    int regions() { return labelSets / SEGMENTS; }

    static String model(int m) { return "model_" + m; }

    /** The key of series {@code i}: model-major, then metric, then label set. */
    SeriesKey key(int i) {
        int labelSet = i % labelSets;
        int metric = (i / labelSets) % metrics;
        int model = i / (labelSets * metrics);
        return new SeriesKey(model(model), METRICS.get(metric).name(),
                Labels.of("segment", "s" + labelSet % SEGMENTS, "region", "r" + labelSet / SEGMENTS));
    }

    /** The value of series {@code i} at step {@code step} (0 is the first sample, {@link #steps()} − 1 is at END). */
    double value(int i, long step) {
        double level = METRICS.get((i / labelSets) % metrics).level();
        double wave = 0.08 * Math.sin(2 * Math.PI * (step % STEPS_PER_DAY) / STEPS_PER_DAY + i);
        double noise = 0.1 * (uniform(i, step) - 0.5);
        boolean dropped = i % 37 == 0 && step >= steps() - STEPS_PER_DAY;
        return level * (1 + wave + noise) * (dropped ? 0.7 : 1.0);
    }

    Instant time(long step) {
        return END.minus(STEP.multipliedBy(steps() - 1 - step));
    }

    /** A uniform number in [0, 1) from (series, step), stateless so the data set is the same on every machine. */
    private static double uniform(int i, long step) {
        long z = (i * 0x9E3779B97F4A7C15L) ^ (step * 0xBF58476D1CE4E5B9L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }

    /** What {@link #load} writes into its marker file once every sample is committed. */
    String description() {
        return "models=" + models + " metrics=" + metrics + " labelSets=" + labelSets + " days=" + days
                + " end=" + END + " step=" + STEP + "\n";
    }

    boolean isLoadedIn(Path marker) throws IOException {
        return Files.exists(marker) && Files.readString(marker).equals(description());
    }

    /**
     * Loads every sample, then writes {@code marker}. The series are created through the store's own
     * writer (the first time step, so ids, label text and hashes are exactly what ingest makes); the
     * other ~20 M samples go in with plain JDBC, as bulk as each database allows: PostgreSQL by COPY,
     * an hour of every series per COPY in time order, so the rows of one series are spread over the
     * heap as live ingest spreads them; H2 by batched INSERTs in key order (its table is the primary
     * key B-tree, so the order rows arrive in does not change what a query reads, only the load time).
     * Reports progress and the load rate on {@code log}.
     */
    void load(JdbcMetricStore store, Path marker, PrintStream log) throws IOException, SQLException {
        Files.deleteIfExists(marker);
        long start = System.nanoTime();
        List<MetricSample> first = new ArrayList<>(series());
        for (int i = 0; i < series(); i++) first.add(MetricSample.of(key(i), time(0), value(i, 0)));
        store.write(Batch.ofSamples(first));
        long[] ids = seriesIds(store.database());
        Progress progress = new Progress(log, start, series());
        try (Connection c = store.database().dataSource().getConnection()) {
            c.setAutoCommit(false);
            if (store.database().vendor() == Database.Vendor.POSTGRESQL) copyInTimeOrder(c, ids, progress);
            else insertInKeyOrder(c, ids, progress);
        }
        progress.report(true);
        Files.writeString(marker, description());
    }

    /** Row ids of the series, by series index. */
    private long[] seriesIds(Database database) throws SQLException {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < series(); i++) {
            SeriesKey k = key(i);
            index.put(k.model() + "\n" + k.name() + "\n" + k.labels().text(), i);
        }
        long[] ids = new long[series()];
        Arrays.fill(ids, -1);
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, model, name, labels FROM series")) {
            while (rs.next()) {
                Integer i = index.get(rs.getString(2) + "\n" + rs.getString(3) + "\n" + rs.getString(4));
                if (i != null) ids[i] = rs.getLong(1);
            }
        }
        for (long id : ids) if (id < 0) throw new IllegalStateException("a generated series was not stored");
        return ids;
    }

    private void copyInTimeOrder(Connection c, long[] ids, Progress progress) throws SQLException, IOException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder rows = new StringBuilder(1 << 22);
        for (long from = 1; from < steps(); from += STEPS_PER_BATCH) {
            long to = Math.min(steps(), from + STEPS_PER_BATCH);
            rows.setLength(0);
            for (long step = from; step < to; step++) {
                long ts = time(step).toEpochMilli();
                for (int i = 0; i < ids.length; i++) {
                    rows.append(ids[i]).append('\t').append(ts).append('\t').append(value(i, step)).append("\tf\n");
                }
            }
            copy.copyIn("COPY samples (series_id, ts, val, stale) FROM STDIN", new StringReader(rows.toString()));
            c.commit();
            progress.add((to - from) * ids.length);
        }
    }

    private void insertInKeyOrder(Connection c, long[] ids, Progress progress) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO samples (series_id, ts, val, stale) VALUES (?, ?, ?, FALSE)")) {
            for (int i = 0; i < ids.length; i++) {
                for (long step = 1; step < steps(); step++) {
                    ps.setLong(1, ids[i]);
                    ps.setLong(2, time(step).toEpochMilli());
                    ps.setDouble(3, value(i, step));
                    ps.addBatch();
                }
                ps.executeBatch();
                if (i % 10 == 9) c.commit();
                progress.add(steps() - 1);
            }
            c.commit();
        }
    }

    /** Samples loaded so far, reported every 30 s. */
    private final class Progress {
        private final PrintStream log;
        private final long start;
        private long written;
        private long lastReport;

        Progress(PrintStream log, long start, long written) {
            this.log = log;
            this.start = start;
            this.written = written;
            this.lastReport = start;
        }

        void add(long rows) {
            written += rows;
            report(false);
        }

        void report(boolean last) {
            long now = System.nanoTime();
            if (!last && now - lastReport < 30e9) return;
            double seconds = (now - start) / 1e9;
            log.printf("  loaded %,d of %,d samples in %.0f s (%,.0f samples/s)%n", written, samples(), seconds,
                    written / seconds);
            lastReport = now;
        }
    }
}
