package io.vigil.notify;

import io.vigil.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Turns due outbox rows into deliveries. A firing row is due once its channel's group_wait has passed;
 * it then takes along every queued row of the same rule, channel and event written by then, so
 * instances that started firing together go out as one message (an instance that resolved and fired
 * again meanwhile once, in its current episode). Each delivery is sealed in its own
 * transaction with an idempotency key derived from its rows, so it is the same after any restart.
 */
final class Sealer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Sealer.class);
    /** Seal attempts of one row that find it unclaimable before the row is set aside. */
    static final int MAX_FAILED_SEALS = 3;
    /** Seconds a statement of a seal may take: an inconsistent store must not hold the dispatcher forever. */
    private static final int STATEMENT_SECONDS = 10;

    private final Map<Long, Integer> failedSeals = new java.util.concurrent.ConcurrentHashMap<>();
    private final DataSource dataSource;
    private final Map<String, Sender> senders;
    private final Duration approvalExpiry;

    Sealer(DataSource dataSource, Map<String, Sender> senders, Duration approvalExpiry) {
        this.dataSource = dataSource;
        this.senders = senders;
        this.approvalExpiry = approvalExpiry;
    }

    private record Row(long id, String kind, String target, String model, String rule, String event, boolean approval,
                       long createdAt) {}

    /** Seals every row due at {@code now}; returns how many deliveries were created. */
    int sealDue(Instant now) {
        List<Row> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, kind, target, model, rule, event, approval, created_at FROM outbox WHERE state = 'queued' "
                        + "AND due_at <= ? ORDER BY due_at, id FETCH FIRST 500 ROWS ONLY")) {
            ps.setLong(1, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getBoolean(7), rs.getLong(8)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading the outbox: " + e.getMessage(), e);
        }
        Set<Long> sealed = new HashSet<>();
        int deliveries = 0;
        for (Row head : due) {
            if (sealed.contains(head.id()) || failedSeals.getOrDefault(head.id(), 0) >= MAX_FAILED_SEALS) continue;
            List<Long> members;
            try {
                members = seal(head, now);
            } catch (StoreException e) {
                failed(head, e.getMessage());
                continue;
            }
            sealed.addAll(members);
            if (!members.isEmpty()) {
                deliveries++;
                failedSeals.remove(head.id());
            } else {
                failed(head, "its rows could not be claimed");
            }
        }
        return deliveries;
    }

    /**
     * Counts a seal that did not happen. Another node sealing the rows first is a single miss; a row
     * that keeps failing points to an inconsistent store (an H2 file whose index and table disagree
     * after a crash), which used to make the dispatcher retry it forever at full CPU. It is set aside
     * for the life of the process with one error naming the way out.
     */
    private void failed(Row head, String why) {
        int n = failedSeals.merge(head.id(), 1, Integer::sum);
        if (n == MAX_FAILED_SEALS) {
            LOG.error("outbox row {} ({} {} {}/{} {}) could not be sealed {} times ({}); it is set aside until the "
                    + "next start. The store may be inconsistent: stop vigil and run 'vigil store check'",
                    head.id(), head.kind(), head.target(), head.model(), head.rule(), head.event(), n, why);
        }
    }

    /** Seals one delivery headed by {@code head}; returns its rows, or none when another node took them. */
    private List<Long> seal(Row head, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Long> members = members(c, head, now);
                long id = insertDelivery(c, head, key(head, members), now);
                int taken = claimRows(c, members, id);
                if (taken != members.size()) {
                    c.rollback();
                    return List.of();
                }
                if (head.approval()) requestApproval(c, id, now);
                c.commit();
                return members;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                // Another node sealed the same rows a moment earlier: same key, and the rows are theirs.
                if (e instanceof SQLException sql && "23505".equals(sql.getSQLState())) return List.of();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("sealing outbox row " + head.id() + ": " + e.getMessage(), e);
        }
    }

    private List<Long> members(Connection c, Row head, Instant now) throws SQLException {
        Sender sender = senders.get(head.kind());
        if (!head.kind().equals("notify") || sender == null || !sender.groups(head.target())) return List.of(head.id());
        // Rows of the rule to the channel written by now, firing and resolved: a firing message also takes
        // the "resolved" of an instance that fired again before it went out, so the message tells of the
        // alert once, in its current episode, and no stale "resolved" follows it.
        List<long[]> rows = new ArrayList<>(); // id, instance, firing (1) or resolved (0)
        try (PreparedStatement ps = c.prepareStatement("SELECT id, instance_id, event FROM outbox WHERE state = 'queued' "
                + "AND kind = ? AND target = ? AND model = ? AND rule = ? AND event IN (?, 'resolved') "
                + "AND created_at <= ? ORDER BY id")) {
            ps.setString(1, head.kind());
            ps.setString(2, head.target());
            ps.setString(3, head.model());
            ps.setString(4, head.rule());
            ps.setString(5, head.event());
            ps.setLong(6, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getString(3).equals(head.event()) ? 1 : 0});
            }
        }
        Map<Long, Long> lastOfEvent = new java.util.HashMap<>();
        for (long[] r : rows) if (r[2] == 1) lastOfEvent.put(r[1], r[0]);
        List<Long> out = new ArrayList<>();
        for (long[] r : rows) {
            boolean superseded = head.event().equals("firing") && lastOfEvent.getOrDefault(r[1], -1L) > r[0];
            if (r[2] == 1 || superseded) out.add(r[0]);
        }
        if (!out.contains(head.id())) out.add(head.id());
        return out;
    }

    private static long insertDelivery(Connection c, Row head, String key, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO deliveries (idempotency_key, kind, target, model, "
                + "rule, event, state, attempts, created_at, next_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, key);
            ps.setString(2, head.kind());
            ps.setString(3, head.target());
            ps.setString(4, head.model());
            ps.setString(5, head.rule());
            ps.setString(6, head.event());
            ps.setString(7, head.approval() ? "awaiting_approval" : "pending");
            ps.setLong(8, now.toEpochMilli());
            ps.setLong(9, now.toEpochMilli());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static int claimRows(Connection c, List<Long> rows, long deliveryId) throws SQLException {
        int taken = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox SET state = 'sealed', delivery_id = ? WHERE id = ? AND state = 'queued'")) {
            ps.setQueryTimeout(STATEMENT_SECONDS);
            for (long row : rows) {
                ps.setLong(1, deliveryId);
                ps.setLong(2, row);
                taken += ps.executeUpdate();
            }
        }
        return taken;
    }

    private void requestApproval(Connection c, long deliveryId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO approvals (delivery_id, requested_at, expires_at, "
                + "state) VALUES (?, ?, ?, 'waiting')")) {
            ps.setLong(1, deliveryId);
            ps.setLong(2, now.toEpochMilli());
            ps.setLong(3, now.plus(approvalExpiry).toEpochMilli());
            ps.executeUpdate();
        }
    }

    /**
     * {@code vigil-} and 32 hex digits of a hash of what the delivery carries, and of nothing else: if
     * a seal is lost in a crash (an embedded H2 store can lose its last commits on kill -9), sealing
     * the same rows again gives the same key, so receivers still recognise the repeat.
     */
    static String key(Row head, List<Long> members) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(String.join("\u0000", head.kind(), head.target(), head.model(), head.rule(), head.event())
                    .getBytes(StandardCharsets.UTF_8));
            for (long m : members.stream().sorted().toList()) d.update(("\u0000" + m).getBytes(StandardCharsets.UTF_8));
            d.update(("\u0000" + head.createdAt()).getBytes(StandardCharsets.UTF_8));
            return "vigil-" + HexFormat.of().formatHex(d.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
