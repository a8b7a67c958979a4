package io.vigil.store;

import io.vigil.stats.FeatureSample;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@link MetricStore} on a JDBC {@link Database} (H2 or PostgreSQL). */
public final class JdbcMetricStore implements MetricStore {
    private static final int PURGE_CHUNK = 500;

    private static final int WRITE_ATTEMPTS = 5;

    private final Database database;
    private final boolean ownsDatabase;
    private final Duration retention;
    private final SqlDialect dialect;
    private final SeriesRegistry registry;
    private final WindowEvaluator windows;
    private final PredictionReader predictions;

    /** A store on an open database that the caller keeps and closes. */
    public JdbcMetricStore(Database database, Duration retention) {
        this(database, false, retention);
    }

    private JdbcMetricStore(Database database, boolean ownsDatabase, Duration retention) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.retention = retention;
        this.dialect = SqlDialect.of(database.vendor());
        this.registry = new SeriesRegistry(dialect);
        this.windows = new WindowEvaluator(dialect, registry);
        this.predictions = new PredictionReader(registry, dialect);
    }

    /** Opens the database of {@code settings} (migrating it) and a store that closes it on {@link #close()}. */
    public static JdbcMetricStore open(StoreSettings settings) {
        return new JdbcMetricStore(Database.open(settings), true, settings.retention());
    }

    public Database database() { return database; }

    /**
     * One batch in one transaction, retried a few times when it lost a race with another writer (e.g.
     * two clients creating the same new series at once): the retry sees the winner's rows and succeeds.
     */
    @Override public void write(Batch batch) {
        for (int attempt = 1; ; attempt++) {
            try (Writer w = writer()) {
                w.write(batch);
                w.commit();
                return;
            } catch (StoreException e) {
                if (attempt >= WRITE_ATTEMPTS || !e.isTransient()) throw e;
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L << attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override public Writer writer() {
        try {
            return new JdbcWriter(database.dataSource().getConnection(), dialect, registry);
        } catch (SQLException e) {
            throw new StoreException("cannot open a store transaction: " + Database.rootMessage(e), e);
        }
    }

    @Override public List<SeriesValue> query(WindowQuery query) {
        try (Connection c = database.dataSource().getConnection()) {
            return windows.evaluate(c, query);
        } catch (SQLException e) {
            throw new StoreException("cannot evaluate " + query.function().name().toLowerCase() + "("
                    + query.selector().metric() + "): " + Database.rootMessage(e), e);
        }
    }

    @Override public List<SeriesEntries> entries(Selector selector, Instant from, Instant to) {
        try (Connection c = database.dataSource().getConnection()) {
            return windows.entries(c, selector, from.toEpochMilli(), to.toEpochMilli());
        } catch (SQLException e) {
            throw new StoreException("cannot read the samples of " + selector.metric() + ": " + Database.rootMessage(e), e);
        }
    }

    @Override public JoinedPredictions predictions(PredictionQuery query) {
        try (Connection c = database.dataSource().getConnection()) {
            return predictions.read(c, query);
        } catch (SQLException e) {
            throw new StoreException("cannot read the predictions of " + query.model() + ": " + Database.rootMessage(e), e);
        }
    }

    @Override public List<FeatureSnapshot> distributions(String model, String feature, Instant from, Instant to) {
        String sql = "SELECT feature, ts, kind, payload, null_count, labels FROM distributions WHERE model = ?"
                + (feature == null ? "" : " AND feature = ?") + " AND ts > ? AND ts <= ?";
        List<FeatureSnapshot> out = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, model);
                if (feature != null) ps.setString(i++, feature);
                ps.setLong(i++, from.toEpochMilli());
                ps.setLong(i, to.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new FeatureSnapshot(model, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                                FeatureCodec.decode(rs.getString(3), rs.getBytes(4), rs.getLong(5)), Labels.parse(rs.getString(6))));
                    }
                }
            }
            out.addAll(predictions.features(c, model, feature, from, to));
        } catch (SQLException e) {
            throw new StoreException("cannot read distributions of " + model + ": " + Database.rootMessage(e), e);
        }
        out.sort(java.util.Comparator.comparing(FeatureSnapshot::feature).thenComparing(FeatureSnapshot::at)
                .thenComparing(FeatureSnapshot::labels));
        return out;
    }

    @Override public void putBaseline(String model, String name, Map<String, FeatureSample> features) {
        long now = System.currentTimeMillis();
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM baselines WHERE model = ? AND name = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO baselines"
                         + " (model, name, feature, kind, payload, null_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                del.setString(1, model);
                del.setString(2, name);
                del.executeUpdate();
                for (var e : new TreeMap<>(features).entrySet()) {
                    ins.setString(1, model);
                    ins.setString(2, name);
                    ins.setString(3, e.getKey());
                    ins.setString(4, FeatureCodec.kind(e.getValue()));
                    ins.setBytes(5, FeatureCodec.encode(e.getValue()));
                    ins.setLong(6, e.getValue().nulls());
                    ins.setLong(7, now);
                    ins.addBatch();
                }
                ins.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store baseline " + model + "/" + name + ": " + Database.rootMessage(e), e);
        }
    }

    @Override public Map<String, FeatureSample> baseline(String model, String name) {
        Map<String, FeatureSample> out = new LinkedHashMap<>();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT feature, kind, payload, null_count FROM baselines"
                     + " WHERE model = ? AND name = ? ORDER BY feature")) {
            ps.setString(1, model);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), FeatureCodec.decode(rs.getString(2), rs.getBytes(3), rs.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read baseline " + model + "/" + name + ": " + Database.rootMessage(e), e);
        }
        return out;
    }

    /**
     * Deletes per series and per model, so each delete walks a primary-key or index range instead of
     * scanning the table, and commits in chunks so a large purge never holds one huge transaction.
     */
    @Override public long purge(Instant now) {
        long cutoff = now.minus(retention).toEpochMilli();
        long deleted = 0;
        try (Connection c = database.dataSource().getConnection()) {
            deleted += deleteBelow(c, "SELECT id FROM series", "DELETE FROM samples WHERE series_id = ? AND ts < ?", cutoff);
            deleted += deleteBelow(c, "SELECT DISTINCT model FROM distributions",
                    "DELETE FROM distributions WHERE model = ? AND ts < ?", cutoff);
        } catch (SQLException e) {
            throw new StoreException("cannot purge the store: " + Database.rootMessage(e), e);
        }
        return deleted;
    }

    /** Per model, as {@link #purge}; an outcome goes by when it became known, a prediction by when it was made. */
    @Override public long purgePredictions(Instant now, java.util.function.Function<String, Duration> retentionOf) {
        long deleted = 0;
        try (Connection c = database.dataSource().getConnection()) {
            for (String table : List.of("predictions", "outcomes")) {
                List<String> models = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT model FROM " + table);
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) models.add(rs.getString(1));
                }
                try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE model = ? AND ts < ?")) {
                    for (String model : models) {
                        del.setString(1, model);
                        del.setLong(2, now.minus(retentionOf.apply(model)).toEpochMilli());
                        deleted += del.executeUpdate();
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot purge predictions: " + Database.rootMessage(e), e);
        }
        return deleted;
    }

    private static long deleteBelow(Connection c, String keysSql, String deleteSql, long cutoff) throws SQLException {
        List<Object> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(keysSql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) keys.add(rs.getObject(1));
        }
        long deleted = 0;
        try (PreparedStatement del = c.prepareStatement(deleteSql)) {
            for (int i = 0; i < keys.size(); i++) {
                del.setObject(1, keys.get(i));
                del.setLong(2, cutoff);
                del.addBatch();
                if ((i + 1) % PURGE_CHUNK == 0 || i == keys.size() - 1) {
                    for (int n : del.executeBatch()) deleted += Math.max(n, 0);
                }
            }
        }
        return deleted;
    }

    @Override public void close() {
        if (ownsDatabase) database.close();
    }
}
