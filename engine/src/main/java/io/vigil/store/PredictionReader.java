package io.vigil.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.stats.FeatureSample;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The as-of join of a {@link PredictionQuery} in two streaming reads: the window's predictions into
 * columns (rows whose labels the matchers refuse are skipped), then the outcomes of those predictions
 * known at asOf, each placed on its row through an in-memory index by id hash, where the latest
 * known outcome wins. No per-row objects, no sort in the database.
 */
final class PredictionReader {
    /** The series name under which prediction label sets are interned; no metric can have it. */
    static final String LABELS_SERIES = "#predictions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Double>> SCORES = new TypeReference<>() {};
    private static final int FETCH_SIZE = 10_000;

    private final SeriesRegistry registry;
    private final SqlDialect dialect;

    PredictionReader(SeriesRegistry registry, SqlDialect dialect) {
        this.registry = registry;
        this.dialect = dialect;
    }

    JoinedPredictions read(Connection c, PredictionQuery q) throws SQLException {
        JoinedPredictions.Builder frame = new JoinedPredictions.Builder();
        RowIndex groupOfLabels = new RowIndex();
        boolean any = false;
        for (SeriesRegistry.Row row : registry.select(c, new Selector(q.model(), LABELS_SERIES, List.of()))) {
            if (q.selects(row.labels())) any |= groupOfLabels.put(row.id(), frame.labelSet(row.labels()));
        }
        if (!any) return frame.build();
        long from = q.from().toEpochMilli();
        long to = q.to().toEpochMilli();
        RowIndex rows = new RowIndex();
        boolean autoCommit = c.getAutoCommit();
        // PostgreSQL streams a result set with a fetch size only inside a transaction; otherwise it
        // would buffer a million rows.
        c.setAutoCommit(false);
        // H2 materialises a result set before returning its first row, on disk beyond MAX_MEMORY_ROWS;
        // lazy execution streams it instead.
        if (dialect == SqlDialect.H2) lazy(c, true);
        try {
            try (PreparedStatement ps = c.prepareStatement("SELECT id_hash, ts, labels_id, score, scores, predicted, val"
                    + " FROM predictions WHERE model = ? AND ts > ? AND ts <= ?")) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setString(1, q.model());
                ps.setLong(2, from);
                ps.setLong(3, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int group = groupOfLabels.get(rs.getLong(3));
                        if (group < 0) continue;
                        double score = rs.getDouble(4);
                        if (rs.wasNull()) score = Double.NaN;
                        String scores = rs.getString(5);
                        double value = rs.getDouble(7);
                        if (rs.wasNull()) value = Double.NaN;
                        int i = frame.add(rs.getLong(2), group, score, scores == null ? null : parseScores(scores),
                                rs.getString(6), value);
                        if (!rows.put(rs.getLong(1), i)) {
                            throw new StoreException("two predictions of " + q.model() + " in (" + q.from() + ", "
                                    + q.to() + "] have ids with the same 64-bit hash; rename one of them");
                        }
                    }
                }
            }
            if (frame.size() == 0) return frame.build();
            // PostgreSQL joins the window's outcomes in SQL (a hash join). H2 would look every outcome's
            // prediction up by its key; scanning the model's outcomes known at asOf and keeping those
            // whose id hash is in the window is cheaper there.
            String sql = dialect == SqlDialect.H2
                    ? "SELECT id_hash, ts, actual_class, actual_value FROM outcomes WHERE model = ? AND ts <= ?"
                    : "SELECT o.id_hash, o.ts, o.actual_class, o.actual_value"
                    + " FROM outcomes o JOIN predictions p ON p.model = o.model AND p.id = o.id"
                    + " WHERE o.model = ? AND o.ts <= ? AND p.ts > ? AND p.ts <= ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setString(1, q.model());
                ps.setLong(2, q.asOf().toEpochMilli());
                if (dialect != SqlDialect.H2) {
                    ps.setLong(3, from);
                    ps.setLong(4, to);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int i = rows.get(rs.getLong(1));
                        if (i < 0) continue; // its prediction is outside the window or its labels were not selected
                        double actual = rs.getDouble(4);
                        if (rs.wasNull()) actual = Double.NaN;
                        frame.outcome(i, rs.getLong(2), rs.getString(3), actual);
                    }
                }
            }
            c.commit();
        } finally {
            if (dialect == SqlDialect.H2) lazy(c, false);
            c.setAutoCommit(autoCommit);
        }
        return frame.build();
    }

    /**
     * The {@code features} of the predictions of {@code model} in (from, to] as distributions: the values
     * of one feature from predictions with the same time and labels pool into one snapshot, numeric
     * when every value is a number, categorical (numbers as their text) otherwise; null values count as
     * nulls. {@code feature} null reads every feature.
     */
    List<FeatureSnapshot> features(Connection c, String model, String feature, Instant from, Instant to) throws SQLException {
        Map<Long, Labels> labelsById = new HashMap<>();
        for (SeriesRegistry.Row row : registry.select(c, new Selector(model, LABELS_SERIES, List.of()))) {
            labelsById.put(row.id(), row.labels());
        }
        if (labelsById.isEmpty()) return List.of();
        record Key(String feature, long ts, long labelsId) {}
        Map<Key, List<JsonNode>> values = new java.util.TreeMap<>(java.util.Comparator.comparing(Key::feature)
                .thenComparingLong(Key::ts).thenComparingLong(Key::labelsId));
        try (PreparedStatement ps = c.prepareStatement("SELECT ts, labels_id, features FROM predictions"
                + " WHERE model = ? AND ts > ? AND ts <= ? AND features IS NOT NULL")) {
            ps.setString(1, model);
            ps.setLong(2, from.toEpochMilli());
            ps.setLong(3, to.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode features;
                    try {
                        features = JSON.readTree(rs.getString(3));
                    } catch (JsonProcessingException e) {
                        throw new StoreException("stored prediction features are not JSON: " + rs.getString(3), e);
                    }
                    for (var e : features.properties()) {
                        if (feature != null && !feature.equals(e.getKey())) continue;
                        values.computeIfAbsent(new Key(e.getKey(), rs.getLong(1), rs.getLong(2)), k -> new ArrayList<>())
                                .add(e.getValue());
                    }
                }
            }
        }
        List<FeatureSnapshot> out = new ArrayList<>(values.size());
        values.forEach((key, nodes) -> out.add(new FeatureSnapshot(model, key.feature(), Instant.ofEpochMilli(key.ts()),
                sample(nodes), labelsById.getOrDefault(key.labelsId(), Labels.EMPTY))));
        return out;
    }

    private static FeatureSample sample(List<JsonNode> nodes) {
        long nulls = 0;
        boolean numeric = true;
        for (JsonNode n : nodes) {
            if (n.isNull()) nulls++;
            else if (!n.isNumber()) numeric = false;
        }
        if (numeric) {
            double[] v = new double[nodes.size() - (int) nulls];
            int i = 0;
            for (JsonNode n : nodes) if (!n.isNull()) v[i++] = n.doubleValue();
            return new FeatureSample.Numeric(v, nulls);
        }
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (JsonNode n : nodes) {
            if (n.isNull()) continue;
            counts.merge(n.isNumber() ? Outcome.numberText(n.doubleValue()) : n.textValue(), 1L, Long::sum);
        }
        return new FeatureSample.Categorical(counts, nulls);
    }

    private static void lazy(Connection c, boolean on) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute("SET LAZY_QUERY_EXECUTION " + (on ? "TRUE" : "FALSE"));
        }
    }

    private static Map<String, Double> parseScores(String json) {
        try {
            return JSON.readValue(json, SCORES);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored multiclass scores are not a JSON object of numbers: " + json, e);
        }
    }

    /**
     * Open-addressing map from a 64-bit key (an id hash, a label set id) to a row, without boxing: key and
     * value share one slot of a single array, so a lookup of a million-entry index costs one cache miss,
     * not three (a million entries take 32 MB).
     */
    static final class RowIndex {
        // slot i: keys at [2i], value + 1 at [2i + 1] (0: empty)
        private long[] slots = new long[2 << 10];
        private int size;

        /** Adds {@code key}; false when it is already present. */
        boolean put(long key, int value) {
            if (size * 4 >= slots.length) rehash(); // at most half of the slots used
            int slot = slot(key);
            if (slots[slot + 1] != 0) return false;
            slots[slot] = key;
            slots[slot + 1] = value + 1L;
            size++;
            return true;
        }

        /** The row of {@code key}, or -1. */
        int get(long key) {
            return (int) (slots[slot(key) + 1] - 1);
        }

        /** The index in {@code slots} of {@code key}'s slot, or of the empty one where it would go. */
        private int slot(long key) {
            int mask = slots.length - 2;
            int slot = (int) (mix(key) << 1) & mask;
            while (slots[slot + 1] != 0 && slots[slot] != key) slot = (slot + 2) & mask;
            return slot;
        }

        private static long mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return h ^ (h >>> 32);
        }

        private void rehash() {
            long[] old = slots;
            slots = new long[old.length * 2];
            size = 0;
            for (int i = 0; i < old.length; i += 2) if (old[i + 1] != 0) put(old[i], (int) (old[i + 1] - 1));
        }
    }
}
