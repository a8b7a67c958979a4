package io.vigil.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Writes predictions and outcomes inside a {@link JdbcWriter}'s transaction. New records are the rule,
 * so a batch is inserted at once; only when a key exists (a resend, a replacement or a conflict) does
 * it roll back to a savepoint and compare each record's content hash with the stored one: equal is
 * skipped, different is replaced when the record says {@code replace} and refused otherwise. Rows go
 * in key order so two writers never lock the same rows in opposite orders.
 */
final class PredictionWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT_PREDICTION = "INSERT INTO predictions (model, id, ts, id_hash, labels_id, score,"
            + " scores, predicted, val, features, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_PREDICTION = "UPDATE predictions SET ts = ?, id_hash = ?, labels_id = ?, score = ?,"
            + " scores = ?, predicted = ?, val = ?, features = ?, content_hash = ? WHERE model = ? AND id = ?";
    private static final String INSERT_OUTCOME = "INSERT INTO outcomes (model, id, ts, id_hash, actual_class, actual_value,"
            + " content_hash) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_OUTCOME = "UPDATE outcomes SET actual_class = ?, actual_value = ?, content_hash = ?"
            + " WHERE model = ? AND id = ? AND ts = ?";

    private final Connection connection;
    private final SeriesRegistry registry;
    private final Map<SeriesKey, Long> created;
    private final MessageDigest sha256;

    private record PredictionRow(int index, Prediction p, long labelsId, String scores, String features, long hash) {}

    private record OutcomeRow(int index, Outcome o, long hash) {}

    PredictionWriter(Connection connection, SeriesRegistry registry, Map<SeriesKey, Long> created) {
        this.connection = connection;
        this.registry = registry;
        this.created = created;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    void writePredictions(List<Prediction> predictions) throws SQLException {
        if (predictions.isEmpty()) return;
        List<PredictionRow> rows = new ArrayList<>(predictions.size());
        for (int i = 0; i < predictions.size(); i++) {
            Prediction p = predictions.get(i);
            long labelsId = registry.resolve(connection,
                    new SeriesKey(p.model(), PredictionReader.LABELS_SERIES, p.labels()), created);
            String scores = p.scores().isEmpty() ? null : json(new TreeMap<>(p.scores()));
            String features = p.features().isEmpty() ? null : featuresJson(p.features());
            rows.add(new PredictionRow(i, p, labelsId, scores, features, contentHash(p, scores, features)));
        }
        rows.sort(Comparator.comparing((PredictionRow r) -> r.p().model()).thenComparing(r -> r.p().id())
                .thenComparingInt(PredictionRow::index));
        List<PredictionRow> unique = unique(rows,
                (a, b) -> a.p().model().equals(b.p().model()) && a.p().id().equals(b.p().id()), PredictionRow::hash,
                r -> r.p().replace(), r -> predictionConflict(r, "an earlier record of this body"));
        Savepoint before = connection.setSavepoint();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_PREDICTION)) {
            for (PredictionRow r : unique) bindPrediction(insert, r, 1);
            insert.executeBatch();
            connection.releaseSavepoint(before);
            return;
        } catch (SQLException e) {
            if (!JdbcWriter.onlyDuplicateKeys(e)) throw e;
            connection.rollback(before);
        }
        Map<String, Long> stored = storedHashes("SELECT id, content_hash FROM predictions WHERE model = ? AND id = ?",
                unique.stream().map(r -> new String[] {r.p().model(), r.p().id()}).toList());
        try (PreparedStatement insert = connection.prepareStatement(INSERT_PREDICTION);
             PreparedStatement update = connection.prepareStatement(UPDATE_PREDICTION)) {
            for (PredictionRow r : unique) {
                Long hash = stored.get(r.p().model() + '\u0000' + r.p().id());
                if (hash == null) {
                    bindPrediction(insert, r, 1);
                } else if (hash != r.hash()) {
                    if (!r.p().replace()) throw predictionConflict(r, "the stored prediction");
                    int next = bindPredictionValues(update, r, 1);
                    update.setString(next, r.p().model());
                    update.setString(next + 1, r.p().id());
                    update.addBatch();
                }
            }
            insert.executeBatch();
            update.executeBatch();
        }
    }

    void writeOutcomes(List<Outcome> outcomes) throws SQLException {
        if (outcomes.isEmpty()) return;
        List<OutcomeRow> rows = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            rows.add(new OutcomeRow(i, o, hash(o.actualClass() + '\u0000' + Double.doubleToLongBits(o.actualValue()))));
        }
        rows.sort(Comparator.comparing((OutcomeRow r) -> r.o().model()).thenComparing(r -> r.o().id())
                .thenComparing(r -> r.o().at()).thenComparingInt(OutcomeRow::index));
        List<OutcomeRow> unique = unique(rows, (a, b) -> outcomeKey(a.o()).equals(outcomeKey(b.o())), OutcomeRow::hash,
                r -> r.o().replace(), r -> outcomeConflict(r, "an earlier record of this body"));
        Savepoint before = connection.setSavepoint();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_OUTCOME)) {
            for (OutcomeRow r : unique) bindOutcome(insert, r);
            insert.executeBatch();
            connection.releaseSavepoint(before);
            return;
        } catch (SQLException e) {
            if (!JdbcWriter.onlyDuplicateKeys(e)) throw e;
            connection.rollback(before);
        }
        Map<String, Long> stored = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT content_hash FROM outcomes WHERE model = ? AND id = ? AND ts = ?")) {
            for (OutcomeRow r : unique) {
                ps.setString(1, r.o().model());
                ps.setString(2, r.o().id());
                ps.setLong(3, r.o().at().toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) stored.put(outcomeKey(r.o()), rs.getLong(1));
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_OUTCOME);
             PreparedStatement update = connection.prepareStatement(UPDATE_OUTCOME)) {
            for (OutcomeRow r : unique) {
                Long hash = stored.get(outcomeKey(r.o()));
                if (hash == null) {
                    bindOutcome(insert, r);
                } else if (hash != r.hash()) {
                    if (!r.o().replace()) throw outcomeConflict(r, "the stored outcome");
                    update.setString(1, r.o().actualClass());
                    setDouble(update, 2, r.o().actualValue());
                    update.setLong(3, r.hash());
                    update.setString(4, r.o().model());
                    update.setString(5, r.o().id());
                    update.setLong(6, r.o().at().toEpochMilli());
                    update.addBatch();
                }
            }
            insert.executeBatch();
            update.executeBatch();
        }
    }

    /**
     * The records of one body, sorted by key, with each repeated key settled as a resend against the store is:
     * the same content is sent once, other content replaces the earlier record only with {@code replace}, and
     * is a conflict otherwise.
     */
    private static <R> List<R> unique(List<R> sorted, BiPredicate<R, R> sameKey, ToLongFunction<R> hash,
                                      Predicate<R> replace, Function<R, RecordConflictException> conflict) {
        List<R> out = new ArrayList<>(sorted.size());
        for (R r : sorted) {
            R last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last == null || !sameKey.test(last, r)) {
                out.add(r);
            } else if (hash.applyAsLong(last) != hash.applyAsLong(r)) {
                if (!replace.test(r)) throw conflict.apply(r);
                out.set(out.size() - 1, r);
            }
        }
        return out;
    }

    private Map<String, Long> storedHashes(String sql, List<String[]> keys) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (String[] k : keys) {
                ps.setString(1, k[0]);
                ps.setString(2, k[1]);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) out.put(k[0] + '\u0000' + k[1], rs.getLong(2));
                }
            }
        }
        return out;
    }

    private static String outcomeKey(Outcome o) {
        return o.model() + '\u0000' + o.id() + '\u0000' + o.at().toEpochMilli();
    }

    private void bindPrediction(PreparedStatement ps, PredictionRow r, int first) throws SQLException {
        ps.setString(first, r.p().model());
        ps.setString(first + 1, r.p().id());
        bindPredictionValues(ps, r, first + 2);
        ps.addBatch();
    }

    /** Binds ts .. content_hash from {@code first}; returns the next parameter index. */
    private int bindPredictionValues(PreparedStatement ps, PredictionRow r, int first) throws SQLException {
        Prediction p = r.p();
        int i = first;
        ps.setLong(i++, p.at().toEpochMilli());
        ps.setLong(i++, idHash(p.id()));
        ps.setLong(i++, r.labelsId());
        setDouble(ps, i++, p.score());
        ps.setString(i++, r.scores());
        ps.setString(i++, p.predictedClass());
        setDouble(ps, i++, p.value());
        ps.setString(i++, r.features());
        ps.setLong(i++, r.hash());
        return i;
    }

    private void bindOutcome(PreparedStatement ps, OutcomeRow r) throws SQLException {
        Outcome o = r.o();
        ps.setString(1, o.model());
        ps.setString(2, o.id());
        ps.setLong(3, o.at().toEpochMilli());
        ps.setLong(4, idHash(o.id()));
        ps.setString(5, o.actualClass());
        setDouble(ps, 6, o.actualValue());
        ps.setLong(7, r.hash());
        ps.addBatch();
    }

    private static void setDouble(PreparedStatement ps, int index, double v) throws SQLException {
        if (Double.isNaN(v)) ps.setNull(index, Types.DOUBLE);
        else ps.setDouble(index, v);
    }

    private long contentHash(Prediction p, String scores, String features) {
        return hash(p.at().toEpochMilli() + "\u0000" + p.labels().text() + '\u0000'
                + Double.doubleToLongBits(p.score()) + '\u0000' + scores + '\u0000' + p.predictedClass() + '\u0000'
                + Double.doubleToLongBits(p.value()) + '\u0000' + features);
    }

    /** 64 bits of the SHA-256 of an id: the key reads join outcomes to predictions on. */
    long idHash(String id) {
        return hash(id);
    }

    private long hash(String text) {
        return ByteBuffer.wrap(sha256.digest(text.getBytes(StandardCharsets.UTF_8))).getLong();
    }

    private static String featuresJson(Map<String, Prediction.FeatureValue> features) {
        ObjectNode o = JSON.createObjectNode();
        for (var e : new TreeMap<>(features).entrySet()) {
            Prediction.FeatureValue v = e.getValue();
            if (v.isNull()) o.putNull(e.getKey());
            else if (v.isNumber()) o.put(e.getKey(), v.number());
            else o.put(e.getKey(), v.category());
        }
        return o.toString();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of an in-memory map", e);
        }
    }

    private static RecordConflictException predictionConflict(PredictionRow r, String other) {
        return new RecordConflictException(RecordConflictException.Kind.PREDICTION, r.index(), "prediction '"
                + r.p().id() + "' of model " + r.p().model() + " differs from " + other
                + " with this id; send \"replace\": true to replace it");
    }

    private static RecordConflictException outcomeConflict(OutcomeRow r, String other) {
        return new RecordConflictException(RecordConflictException.Kind.OUTCOME, r.index(), "outcome of '"
                + r.o().id() + "' of model " + r.o().model() + " at " + r.o().at() + " differs from " + other
                + " with this id and timestamp; send \"replace\": true to replace it");
    }
}
