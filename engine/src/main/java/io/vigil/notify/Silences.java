package io.vigil.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.label.LabelMatcher;
import io.vigil.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The one-off silences in the store: created, ended early, listed, and looked up at evaluation time. */
public final class Silences {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, matchers, starts_at, ends_at, comment, created_by, created_at, ended_by";

    private final DataSource dataSource;

    public Silences(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new silence and returns it with its id. */
    public Silence add(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String comment, String by,
                       Instant now) {
        List<String> texts = matchers.stream().map(LabelMatcher::toString).toList();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO silences (matchers, starts_at, ends_at, comment, created_by, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, JSON.writeValueAsString(texts));
            ps.setLong(2, startsAt.toEpochMilli());
            ps.setLong(3, endsAt.toEpochMilli());
            ps.setString(4, comment);
            ps.setString(5, by);
            ps.setLong(6, now.toEpochMilli());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new Silence(keys.getLong(1), matchers, startsAt, endsAt, comment, by, now, null);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("storing a silence: " + e.getMessage(), e);
        }
    }

    /** Ends a silence now; returns it as it is afterwards, or null when there is no such silence. */
    public Silence end(long id, String by, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE silences SET ends_at = ?, ended_by = ? WHERE id = ? AND ends_at > ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, by);
            ps.setLong(3, id);
            ps.setLong(4, now.toEpochMilli());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("ending silence " + id + ": " + e.getMessage(), e);
        }
        return get(id);
    }

    public Silence get(long id) {
        List<Silence> found = query("SELECT " + COLUMNS + " FROM silences WHERE id = ?", id);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Every silence, newest first. */
    public List<Silence> all() {
        return query("SELECT " + COLUMNS + " FROM silences ORDER BY id DESC");
    }

    /** The silences in force at {@code t}, read on the caller's connection (inside its transaction). */
    static List<Silence> activeAt(Connection c, Instant t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM silences WHERE starts_at <= ? AND ends_at > ? ORDER BY id")) {
            ps.setLong(1, t.toEpochMilli());
            ps.setLong(2, t.toEpochMilli());
            return read(ps);
        }
    }

    private List<Silence> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            return read(ps);
        } catch (SQLException e) {
            throw new StoreException("reading silences: " + e.getMessage(), e);
        }
    }

    private static List<Silence> read(PreparedStatement ps) throws SQLException {
        List<Silence> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<LabelMatcher> matchers = new ArrayList<>();
                try {
                    for (String m : JSON.readValue(rs.getString(2), new TypeReference<List<String>>() {})) {
                        matchers.add(LabelMatcher.parse(m));
                    }
                } catch (JsonProcessingException e) {
                    throw new SQLException("corrupt matchers of silence " + rs.getLong(1), e);
                }
                out.add(new Silence(rs.getLong(1), matchers, Instant.ofEpochMilli(rs.getLong(3)),
                        Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5), rs.getString(6),
                        Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8)));
            }
        }
        return out;
    }
}
