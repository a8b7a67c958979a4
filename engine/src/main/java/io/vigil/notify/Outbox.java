package io.vigil.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

/**
 * Rows the outbox writers add inside an evaluation's transaction: queued sends, sends recorded as
 * suppressed or skipped, and each channel's mark of when it was last told an instance is firing.
 */
public final class Outbox {
    private Outbox() {}

    /** Queues a send for the dispatcher, due at {@code dueAt} (wall clock). */
    public static void queue(AlertStep s, String kind, String target, String event, boolean approval, Instant dueAt)
            throws SQLException {
        insert(s, kind, target, event, approval, dueAt, "queued", null);
    }

    /**
     * Records a send that will not happen ({@code suppressed} by a silence, {@code skipped} by a
     * cooldown) as a delivery in that final state, so the API shows it and why.
     */
    public static void record(AlertStep s, String kind, String target, String event, String state, String reason)
            throws SQLException {
        Connection c = s.connection();
        long deliveryId;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO deliveries (idempotency_key, kind, target, model, "
                + "rule, event, state, attempts, created_at, next_at, finished_at, result) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            long now = s.now().toEpochMilli();
            ps.setString(1, "vigil-" + UUID.randomUUID().toString().replace("-", ""));
            ps.setString(2, kind);
            ps.setString(3, target);
            ps.setString(4, s.rule().model());
            ps.setString(5, s.rule().name());
            ps.setString(6, event);
            ps.setString(7, state);
            ps.setLong(8, now);
            ps.setLong(9, now);
            ps.setLong(10, now);
            ps.setString(11, Deliveries.clip(reason));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                deliveryId = keys.getLong(1);
            }
        }
        insert(s, kind, target, event, false, s.now(), "sealed", deliveryId);
    }

    private static void insert(AlertStep s, String kind, String target, String event, boolean approval, Instant dueAt,
                               String state, Long deliveryId) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement("INSERT INTO outbox (kind, target, instance_id, "
                + "model, rule, event, event_at, payload, approval, created_at, due_at, state, delivery_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, kind);
            ps.setString(2, target);
            ps.setLong(3, s.instanceId());
            ps.setString(4, s.rule().model());
            ps.setString(5, s.rule().name());
            ps.setString(6, event);
            ps.setLong(7, s.t().toEpochMilli());
            ps.setString(8, s.event().toJson());
            ps.setBoolean(9, approval);
            ps.setLong(10, s.now().toEpochMilli());
            ps.setLong(11, dueAt.toEpochMilli());
            ps.setString(12, state);
            ps.setObject(13, deliveryId);
            ps.executeUpdate();
        }
    }

    /** When {@code channel} was last told the instance is firing (evaluation time), or null. */
    static Instant lastTold(Connection c, long instanceId, String channel) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sent_at FROM notify_marks WHERE instance_id = ? AND channel = ?")) {
            ps.setLong(1, instanceId);
            ps.setString(2, channel);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Instant.ofEpochMilli(rs.getLong(1)) : null;
            }
        }
    }

    static void markTold(Connection c, long instanceId, String channel, Instant t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE notify_marks SET sent_at = ? WHERE instance_id = ? AND channel = ?")) {
            ps.setLong(1, t.toEpochMilli());
            ps.setLong(2, instanceId);
            ps.setString(3, channel);
            if (ps.executeUpdate() > 0) return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO notify_marks (instance_id, channel, sent_at) VALUES (?, ?, ?)")) {
            ps.setLong(1, instanceId);
            ps.setString(2, channel);
            ps.setLong(3, t.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** Whether a firing message to {@code channel} about the instance was suppressed at or after {@code since}. */
    static boolean suppressedSince(Connection c, long instanceId, String channel, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox o JOIN deliveries d "
                + "ON d.id = o.delivery_id WHERE o.instance_id = ? AND o.kind = 'notify' AND o.target = ? "
                + "AND o.event = 'firing' AND o.event_at >= ? AND d.state = 'suppressed'")) {
            ps.setLong(1, instanceId);
            ps.setString(2, channel);
            ps.setLong(3, since.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /**
     * The latest due time of a still-queued firing message for the instance on {@code channel}, or null,
     * so a quick resolution is not sealed before the firing it follows.
     */
    static Instant queuedFiringDue(Connection c, long instanceId, String channel) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(due_at) FROM outbox WHERE instance_id = ? "
                + "AND kind = 'notify' AND target = ? AND event = 'firing' AND state = 'queued'")) {
            ps.setLong(1, instanceId);
            ps.setString(2, channel);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? null : Instant.ofEpochMilli(v);
            }
        }
    }
}
