package io.vigil.notify;

import io.vigil.runtime.AlertTracker;
import io.vigil.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;

/**
 * The deliveries table: claiming due ones for an attempt (with a lease, so a crashed node's claims
 * lapse and another node retries them), recording each attempt's outcome, and reading them for the API.
 */
public final class Deliveries {
    /** Every state a delivery can be in. */
    public static final List<String> STATES = List.of("pending", "awaiting_approval", "delivered", "dead", "rejected",
            "expired", "suppressed", "skipped");

    private static final String COLUMNS = "id, idempotency_key, kind, target, model, rule, event, state, attempts, "
            + "created_at, next_at, lease_until, finished_at, last_error, result";

    private final DataSource dataSource;

    public Deliveries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One delivery as stored, for the API and for tests. */
    public record Row(long id, String idempotencyKey, String kind, String target, String model, String rule,
                      String event, String state, int attempts, Instant createdAt, Instant nextAt, Instant leaseUntil,
                      Instant finishedAt, String lastError, String result) {}

    /**
     * Claims up to {@code limit} due deliveries of {@code kind} for one attempt each: counts the attempt
     * and leases the row for {@code lease(target)}, skipping the ids in {@code busy}. For actions, a run whose (action, model) already has
     * one in flight waits, so at most one run of an action is in flight per model. For notifications,
     * a message waits while an older one of the same rule to the same channel is unfinished, so a receiver
     * never hears "resolved" before the "firing" it resolves (as an Alertmanager aggregation group).
     */
    List<Delivery> claim(String kind, int limit, Instant now, ToLongFunction<String> leaseMillis,
                         java.util.Set<Long> busy, java.util.function.Consumer<Row> buried) {
        List<Delivery> out = new ArrayList<>();
        if (limit <= 0) return out;
        try (Connection c = dataSource.getConnection()) {
            List<Row> due = read(c, "SELECT " + COLUMNS + " FROM deliveries WHERE state = 'pending' AND kind = ? "
                    + "AND next_at <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_at, id "
                    + "FETCH FIRST " + (limit * 4) + " ROWS ONLY", kind, now.toEpochMilli(), now.toEpochMilli());
            for (Row r : due) {
                if (out.size() >= limit) break;
                // A lease can lapse while this process still works on it (a clock jump): never start it twice here.
                if (busy.contains(r.id())) continue;
                if (kind.equals("action") && actionInFlight(c, r, now)) continue;
                if (kind.equals("notify") && olderUnfinished(c, r)) continue;
                if (kind.equals("notify") && r.event().equals("resolved")) {
                    Long firing = deadFiring(c, r);
                    if (firing != null) {
                        if (bury(c, r, firing, now)) buried.accept(get(c, r.id()));
                        continue;
                    }
                }
                if (!lease(c, r.id(), now, now.plusMillis(leaseMillis.applyAsLong(r.target())))) continue;
                out.add(new Delivery(r.id(), r.idempotencyKey(), r.kind(), r.target(), r.model(), r.rule(), r.event(),
                        r.attempts() + 1, r.createdAt(), alerts(c, r.id())));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("claiming deliveries: " + e.getMessage(), e);
        }
    }

    private static boolean actionInFlight(Connection c, Row r, Instant now) throws SQLException {
        return anyPending(c, "kind = 'action' AND target = ? AND model = ? AND lease_until >= ? AND id <> ?",
                r.target(), r.model(), now.toEpochMilli(), r.id());
    }

    private static boolean olderUnfinished(Connection c, Row r) throws SQLException {
        return anyPending(c, "kind = 'notify' AND target = ? AND model = ? AND rule = ? AND id < ?",
                r.target(), r.model(), r.rule(), r.id());
    }

    /**
     * The dead firing delivery a resolved one would follow: the latest earlier firing message to the same
     * channel about any of its alerts, when that one is dead; else null.
     */
    private static Long deadFiring(Connection c, Row r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT d.id, d.state FROM deliveries d WHERE d.kind = 'notify' "
                + "AND d.target = ? AND d.model = ? AND d.rule = ? AND d.event = 'firing' AND d.id < ? AND EXISTS "
                + "(SELECT 1 FROM outbox f JOIN outbox o ON o.instance_id = f.instance_id WHERE f.delivery_id = d.id "
                + "AND o.delivery_id = ?) ORDER BY d.id DESC FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, r.target());
            ps.setString(2, r.model());
            ps.setString(3, r.rule());
            ps.setLong(4, r.id());
            ps.setLong(5, r.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(2).equals("dead") ? rs.getLong(1) : null;
            }
        }
    }

    /** Dead-letters {@code r} behind its dead firing delivery; false when another node got there first. */
    private static boolean bury(Connection c, Row r, long firing, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET state = 'dead', blocked_by = ?, "
                + "finished_at = ?, last_error = ? WHERE id = ? AND state = 'pending' "
                + "AND (lease_until IS NULL OR lease_until < ?)")) {
            ps.setLong(1, firing);
            ps.setLong(2, now.toEpochMilli());
            ps.setString(3, "not sent: its firing message (delivery " + firing + ") is dead, and a receiver never "
                    + "hears resolved without firing; retrying either delivery sends both, in order");
            ps.setLong(4, r.id());
            ps.setLong(5, now.toEpochMilli());
            return ps.executeUpdate() == 1;
        }
    }

    /** Whether a pending delivery matches {@code where}, whose parameters are strings and longs. */
    private static boolean anyPending(Connection c, String where, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM deliveries WHERE state = 'pending' AND " + where)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Long l) ps.setLong(i + 1, l);
                else ps.setString(i + 1, (String) args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static boolean lease(Connection c, long id, Instant now, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET lease_until = ?, attempts = attempts + 1 "
                + "WHERE id = ? AND state = 'pending' AND (lease_until IS NULL OR lease_until < ?)")) {
            ps.setLong(1, until.toEpochMilli());
            ps.setLong(2, id);
            ps.setLong(3, now.toEpochMilli());
            return ps.executeUpdate() == 1;
        }
    }

    /** The alerts of a delivery, each instance once: its latest row (the current episode). */
    private static List<AlertEvent> alerts(Connection c, long deliveryId) throws SQLException {
        java.util.Map<Long, AlertEvent> latest = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM outbox WHERE delivery_id = ? ORDER BY id")) {
            ps.setLong(1, deliveryId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AlertEvent e = AlertEvent.fromJson(rs.getString(1));
                    latest.put(e.alertId(), e);
                }
            }
        }
        List<AlertEvent> out = new ArrayList<>(latest.values());
        out.sort(Comparator.comparing(AlertEvent::labels, AlertTracker.LABEL_ORDER));
        return out;
    }

    void delivered(long id, String result, Instant now) {
        finish(id, "delivered", null, result, now);
    }

    void dead(long id, String reason, String result, Instant now) {
        finish(id, "dead", reason, result, now);
    }

    private void finish(long id, String state, String error, String result, Instant now) {
        update("UPDATE deliveries SET state = ?, lease_until = NULL, finished_at = ?, "
                + "last_error = COALESCE(?, last_error), result = ? WHERE id = ?", state, now.toEpochMilli(), clip(error),
                clip(result), id);
    }

    void retryAt(long id, String error, Instant next) {
        update("UPDATE deliveries SET lease_until = NULL, next_at = ?, last_error = ? WHERE id = ?",
                next.toEpochMilli(), clip(error), id);
    }

    /**
     * Puts a dead delivery back in the queue with a fresh retry window; false when it is not dead. For a
     * notification, the dead messages of the same rule to the same channel created before it go back
     * too, with the resolved messages dead-lettered behind any of them: the dispatcher then sends them in
     * creation order (a message waits while an older one of its rule is pending), so retrying dead
     * letters in any order never delivers "resolved" before its "firing".
     */
    public boolean requeue(long id, Instant now) {
        Row r = get(id);
        if (r == null || !r.state().equals("dead")) return false;
        long t = now.toEpochMilli();
        if (!r.kind().equals("notify")) {
            return update("UPDATE deliveries SET state = 'pending', attempts = 0, created_at = ?, next_at = ?, "
                    + "finished_at = NULL, blocked_by = NULL WHERE id = ? AND state = 'dead'", t, t, id) == 1;
        }
        String queue = "kind = 'notify' AND target = ? AND model = ? AND rule = ? AND id <= ?";
        return update("UPDATE deliveries SET state = 'pending', attempts = 0, created_at = ?, next_at = ?, "
                + "finished_at = NULL, blocked_by = NULL WHERE state = 'dead' AND ((" + queue + ") OR blocked_by IN "
                + "(SELECT id FROM deliveries WHERE " + queue + "))", t, t, r.target(), r.model(), r.rule(), id,
                r.target(), r.model(), r.rule(), id) > 0;
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("updating a delivery: " + e.getMessage(), e);
        }
    }

    /** Deliveries in {@code state} (every state when null), newest first, at most {@code limit}. */
    public List<Row> list(String state, int limit) {
        try (Connection c = dataSource.getConnection()) {
            String where = state == null ? "" : " WHERE state = ?";
            String sql = "SELECT " + COLUMNS + " FROM deliveries" + where + " ORDER BY id DESC FETCH FIRST " + limit
                    + " ROWS ONLY";
            return state == null ? read(c, sql) : read(c, sql, state);
        } catch (SQLException e) {
            throw new StoreException("reading deliveries: " + e.getMessage(), e);
        }
    }

    /** Deliveries with an id above {@code id}, oldest first: what was added since a delivery was seen. */
    public List<Row> after(long id) {
        try (Connection c = dataSource.getConnection()) {
            return read(c, "SELECT " + COLUMNS + " FROM deliveries WHERE id > ? ORDER BY id", id);
        } catch (SQLException e) {
            throw new StoreException("reading deliveries: " + e.getMessage(), e);
        }
    }

    public Row get(long id) {
        try (Connection c = dataSource.getConnection()) {
            return get(c, id);
        } catch (SQLException e) {
            throw new StoreException("reading delivery " + id + ": " + e.getMessage(), e);
        }
    }

    private static Row get(Connection c, long id) throws SQLException {
        List<Row> rows = read(c, "SELECT " + COLUMNS + " FROM deliveries WHERE id = ?", id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The deliveries that told of one alert instance, oldest first. */
    public List<Row> forAlert(long instanceId) {
        try (Connection c = dataSource.getConnection()) {
            return read(c, "SELECT " + COLUMNS.replaceAll("(^|, )", "$1d.") + " FROM deliveries d WHERE d.id IN "
                    + "(SELECT delivery_id FROM outbox WHERE instance_id = ?) ORDER BY d.id", instanceId);
        } catch (SQLException e) {
            throw new StoreException("reading deliveries of alert " + instanceId + ": " + e.getMessage(), e);
        }
    }

    /** The alerts a delivery tells of. */
    public List<AlertEvent> alerts(long deliveryId) {
        try (Connection c = dataSource.getConnection()) {
            return alerts(c, deliveryId);
        } catch (SQLException e) {
            throw new StoreException("reading delivery " + deliveryId + ": " + e.getMessage(), e);
        }
    }

    private static List<Row> read(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), time(rs, 10), time(rs, 11),
                            time(rs, 12), time(rs, 13), rs.getString(14), rs.getString(15)));
                }
            }
            return out;
        }
    }

    private static Instant time(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    /** Texts kept with a delivery are cut to the column's size, keeping the end (where errors say most). */
    static String clip(String s) {
        return s == null || s.length() <= 4000 ? s : "[…] " + s.substring(s.length() - 3990);
    }
}
