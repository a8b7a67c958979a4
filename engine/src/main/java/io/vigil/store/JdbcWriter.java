package io.vigil.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One write transaction on one pooled connection. Rows are upserted in key order, which keeps two
 * concurrent writers from locking the same rows in opposite orders (a deadlock on PostgreSQL); when a
 * batch holds the same key twice, the later entry wins, as a re-delivery would.
 */
final class JdbcWriter implements MetricStore.Writer {
    private final Connection connection;
    private final SqlDialect dialect;
    private final SeriesRegistry registry;
    private final Map<SeriesKey, Long> created = new HashMap<>();
    private static final String DUPLICATE_KEY = "23505";

    private PreparedStatement insertSample;
    private PreparedStatement upsertSample;
    private PreparedStatement upsertDistribution;
    private boolean committed;
    private PredictionWriter predictions;

    private record SampleRow(long seriesId, long ts, int order, MetricSample sample) {}

    private record DistributionRow(String model, String feature, long ts, long labelsHash, int order, FeatureSnapshot snapshot) {}

    JdbcWriter(Connection connection, SqlDialect dialect, SeriesRegistry registry) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.registry = registry;
        connection.setAutoCommit(false);
    }

    @Override public void write(Batch batch) {
        try {
            writeSamples(batch.samples());
            writeDistributions(batch.distributions());
            if (!batch.predictions().isEmpty() || !batch.outcomes().isEmpty()) {
                if (predictions == null) predictions = new PredictionWriter(connection, registry, created);
                predictions.writePredictions(batch.predictions());
                predictions.writeOutcomes(batch.outcomes());
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write to the store: " + Database.rootMessage(e), e);
        }
    }

    private void writeSamples(List<MetricSample> samples) throws SQLException {
        if (samples.isEmpty()) return;
        List<SampleRow> rows = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            MetricSample s = samples.get(i);
            rows.add(new SampleRow(registry.resolve(connection, s.series(), created), s.at().toEpochMilli(), i, s));
        }
        rows.sort(Comparator.comparingLong(SampleRow::seriesId).thenComparingLong(SampleRow::ts)
                .thenComparingInt(SampleRow::order));
        List<SampleRow> unique = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            SampleRow r = rows.get(i);
            boolean replacedLater = i + 1 < rows.size() && rows.get(i + 1).seriesId() == r.seriesId()
                    && rows.get(i + 1).ts() == r.ts();
            if (!replacedLater) unique.add(r);
        }
        if (dialect.insertSamplesFirst()) {
            // H2's MERGE looks every key up (reading the stored row) before inserting it; new samples are
            // the rule, so insert them all and fall back to MERGE only when one already exists.
            Savepoint beforeInsert = connection.setSavepoint();
            try {
                if (insertSample == null) insertSample = connection.prepareStatement(dialect.insertSample());
                executeSamples(insertSample, unique);
                connection.releaseSavepoint(beforeInsert);
                return;
            } catch (SQLException e) {
                if (!onlyDuplicateKeys(e)) throw e;
                insertSample.clearBatch();
                connection.rollback(beforeInsert);
            }
        }
        if (upsertSample == null) upsertSample = connection.prepareStatement(dialect.upsertSample());
        executeSamples(upsertSample, unique);
    }

    private static void executeSamples(PreparedStatement ps, List<SampleRow> rows) throws SQLException {
        for (SampleRow r : rows) {
            ps.setLong(1, r.seriesId());
            ps.setLong(2, r.ts());
            if (r.sample().stale()) ps.setNull(3, Types.DOUBLE);
            else ps.setDouble(3, r.sample().value());
            ps.setBoolean(4, r.sample().stale());
            ps.addBatch();
        }
        ps.executeBatch();
    }

    /** True when every error in {@code e}'s chain is a unique-key violation (SQLSTATE 23505). */
    static boolean onlyDuplicateKeys(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (!DUPLICATE_KEY.equals(x.getSQLState())) return false;
        }
        return true;
    }

    private void writeDistributions(List<FeatureSnapshot> snapshots) throws SQLException {
        if (snapshots.isEmpty()) return;
        List<DistributionRow> rows = new ArrayList<>(snapshots.size());
        for (int i = 0; i < snapshots.size(); i++) {
            FeatureSnapshot f = snapshots.get(i);
            rows.add(new DistributionRow(f.model(), f.feature(), f.at().toEpochMilli(), f.labelsHash(), i, f));
        }
        rows.sort(Comparator.comparing(DistributionRow::model).thenComparing(DistributionRow::feature)
                .thenComparingLong(DistributionRow::ts).thenComparingLong(DistributionRow::labelsHash)
                .thenComparingInt(DistributionRow::order));
        if (upsertDistribution == null) upsertDistribution = connection.prepareStatement(dialect.upsertDistribution());
        for (int i = 0; i < rows.size(); i++) {
            DistributionRow r = rows.get(i);
            if (i + 1 < rows.size()) {
                DistributionRow next = rows.get(i + 1);
                if (next.model().equals(r.model()) && next.feature().equals(r.feature()) && next.ts() == r.ts()
                        && next.labelsHash() == r.labelsHash()) continue;
            }
            upsertDistribution.setString(1, r.model());
            upsertDistribution.setString(2, r.feature());
            upsertDistribution.setLong(3, r.ts());
            upsertDistribution.setString(4, FeatureCodec.kind(r.snapshot().sample()));
            upsertDistribution.setBytes(5, FeatureCodec.encode(r.snapshot().sample()));
            upsertDistribution.setLong(6, r.snapshot().sample().nulls());
            upsertDistribution.setString(7, r.snapshot().labels().text());
            upsertDistribution.setLong(8, r.labelsHash());
            upsertDistribution.addBatch();
        }
        upsertDistribution.executeBatch();
    }

    @Override public void commit() {
        try {
            connection.commit();
            committed = true;
            registry.publish(created);
        } catch (SQLException e) {
            throw new StoreException("cannot commit to the store: " + Database.rootMessage(e), e);
        }
    }

    @Override
    @SuppressWarnings("try") // the statements are listed only to be closed, in reverse order, with the connection
    public void close() {
        try (connection; PreparedStatement i = insertSample; PreparedStatement a = upsertSample; PreparedStatement b = upsertDistribution) {
            if (!committed) connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new StoreException("cannot roll back: " + Database.rootMessage(e), e);
        }
    }
}
