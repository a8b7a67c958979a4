package io.vigil.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps series keys to row ids and back. Series rows are never changed or deleted, so both directions
 * are cached for the life of the store; ids created inside a transaction join the cache only after it
 * commits, so a rolled-back series is never handed out.
 */
final class SeriesRegistry {
    private static final int MAX_LABELS_TEXT = 4000;

    private final SqlDialect dialect;
    private final Map<SeriesKey, Long> ids = new ConcurrentHashMap<>();
    private final Map<Long, Labels> labelsById = new ConcurrentHashMap<>();

    /** A stored series as a query sees it. */
    record Row(long id, String model, Labels labels) {}

    SeriesRegistry(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** The id of {@code key}, creating the series in {@code c}'s transaction when needed; new ids go into {@code created}. */
    long resolve(Connection c, SeriesKey key, Map<SeriesKey, Long> created) throws SQLException {
        Long id = ids.get(key);
        if (id == null) id = created.get(key);
        if (id != null) return id;
        String text = key.labels().text();
        if (text.length() > MAX_LABELS_TEXT) {
            throw new StoreException("labels of " + key.model() + "/" + key.name() + " take " + text.length()
                    + " characters; at most " + MAX_LABELS_TEXT + " are stored");
        }
        long hash = key.labels().hash64();
        id = find(c, key, hash);
        if (id == null) {
            try (PreparedStatement ps = c.prepareStatement(dialect.insertSeriesIfAbsent())) {
                ps.setString(1, key.model());
                ps.setString(2, key.name());
                ps.setString(3, text);
                ps.setLong(4, hash);
                ps.executeUpdate();
            }
            id = find(c, key, hash);
            if (id == null) throw new StoreException("series " + key + " vanished right after it was created");
        }
        created.put(key, id);
        return id;
    }

    private static Long find(Connection c, SeriesKey key, long hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, labels FROM series WHERE model = ? AND name = ? AND labels_hash = ?")) {
            ps.setString(1, key.model());
            ps.setString(2, key.name());
            ps.setLong(3, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                if (!rs.getString(2).equals(key.labels().text())) {
                    // 64-bit hash collision: astronomically unlikely, but never silently merge two series.
                    throw new StoreException("labels " + key.labels().text() + " of " + key.model() + "/" + key.name()
                            + " collide with stored labels " + rs.getString(2) + "; rename a label to store them");
                }
                return rs.getLong(1);
            }
        }
    }

    /** Makes ids created by a committed transaction visible to every later lookup. */
    void publish(Map<SeriesKey, Long> created) {
        created.forEach((key, id) -> {
            ids.put(key, id);
            labelsById.put(id, key.labels());
        });
    }

    /** The stored series a selector selects. */
    List<Row> select(Connection c, Selector selector) throws SQLException {
        boolean anyModel = selector.matchesModels();
        String sql = anyModel
                ? "SELECT id, model, labels FROM series WHERE name = ?"
                : "SELECT id, model, labels FROM series WHERE name = ? AND model = ?";
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, selector.metric());
            if (!anyModel) ps.setString(2, selector.model());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    String model = rs.getString(2);
                    Labels labels = labelsById.get(id);
                    if (labels == null) {
                        labels = Labels.parse(rs.getString(3));
                        labelsById.put(id, labels);
                    }
                    if (selector.selects(model, labels)) rows.add(new Row(id, model, labels));
                }
            }
        }
        return rows;
    }

    /** Ids of {@code rows}, in order. */
    static long[] idsOf(Collection<Row> rows) {
        return rows.stream().mapToLong(Row::id).toArray();
    }

    /** Result labels of each row id: the series labels, plus {@code model} when the selector matched on it. */
    static Map<Long, Labels> resultLabels(Collection<Row> rows, Selector selector) {
        boolean withModel = selector.matchesModels();
        Map<Long, Labels> out = new HashMap<>();
        for (Row r : rows) out.put(r.id(), withModel ? r.labels().with(Selector.MODEL_LABEL, r.model()) : r.labels());
        return out;
    }
}
