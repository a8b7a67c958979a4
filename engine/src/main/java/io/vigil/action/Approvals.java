package io.vigil.action;

import io.vigil.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Action runs waiting for a person ({@code trigger ... approval required}): approving puts the run in
 * the dispatcher's queue, rejecting ends it, and a run nobody decided on expires. Every decision is
 * kept with who made it and when. An approval's id is its action run's delivery id.
 */
public final class Approvals {
    private static final Logger LOG = LoggerFactory.getLogger(Approvals.class);
    private static final String SELECT = "SELECT a.delivery_id, d.target, d.model, d.rule, a.state, a.requested_at, "
            + "a.expires_at, a.decided_by, a.decided_at, d.state FROM approvals a JOIN deliveries d ON d.id = a.delivery_id";

    private final DataSource dataSource;

    public Approvals(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One approval request.
     *
     * @param state    {@code waiting}, {@code approved}, {@code rejected} or {@code expired}
     * @param runState the action run's delivery state ({@code awaiting_approval}, {@code pending}, {@code delivered}, ...)
     */
    public record Request(long id, String action, String model, String rule, String state, Instant requestedAt,
                          Instant expiresAt, String decidedBy, Instant decidedAt, String runState) {}

    /** What a person decides. */
    public enum Decision { APPROVE, REJECT }

    /** A decision that cannot be taken, with the HTTP status that says why (404 or 409). */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() { return status; }
    }

    /** Records a decision on a waiting run; returns the request as it is afterwards. */
    public Request decide(long id, Decision decision, String by, Instant now) throws Refused {
        Request before = get(id);
        if (before == null) throw new Refused(404, "no approval " + id);
        if (!before.state().equals("waiting")) {
            throw new Refused(409, "approval " + id + " was already " + before.state()
                    + (before.decidedBy() == null ? "" : " by " + before.decidedBy()) + " at " + before.decidedAt());
        }
        if (!now.isBefore(before.expiresAt())) {
            expire(now);
            throw new Refused(409, "approval " + id + " expired at " + before.expiresAt());
        }
        String state = decision == Decision.APPROVE ? "approved" : "rejected";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n = update(c, "UPDATE approvals SET state = ?, decided_by = ?, decided_at = ? "
                        + "WHERE delivery_id = ? AND state = 'waiting'", state, by, now.toEpochMilli(), id);
                if (n != 1) {
                    c.rollback();
                    Request after = get(id);
                    throw new Refused(409, "approval " + id + " was decided meanwhile: " + after.state());
                }
                if (decision == Decision.APPROVE) {
                    update(c, "UPDATE deliveries SET state = 'pending', next_at = ? WHERE id = ?", now.toEpochMilli(), id);
                } else {
                    update(c, "UPDATE deliveries SET state = 'rejected', finished_at = ?, result = ? WHERE id = ?",
                            now.toEpochMilli(), "rejected by " + by, id);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("recording the decision on approval " + id + ": " + e.getMessage(), e);
        }
        LOG.info("action {} for {}/{} (approval {}) {} by {}", before.action(), before.model(), before.rule(), id,
                state, by);
        return get(id);
    }

    /** Expires every run whose wait is over; a dispatcher chore. Returns how many expired. */
    public int expire(Instant now) {
        return expire(now, true);
    }

    /** @param log whether each expiry is logged (a replay reports them its own way) */
    public int expire(Instant now, boolean log) {
        int expired = 0;
        for (Request r : list("waiting")) {
            if (now.isBefore(r.expiresAt())) continue;
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    if (update(c, "UPDATE approvals SET state = 'expired', decided_by = 'vigil', decided_at = ? "
                            + "WHERE delivery_id = ? AND state = 'waiting'", now.toEpochMilli(), r.id()) == 1) {
                        update(c, "UPDATE deliveries SET state = 'expired', finished_at = ?, result = ? WHERE id = ?",
                                now.toEpochMilli(), "nobody approved it before " + r.expiresAt(), r.id());
                        expired++;
                        if (log) LOG.warn("action {} for {}/{} (approval {}) expired unapproved at {}", r.action(), r.model(),
                                r.rule(), r.id(), r.expiresAt());
                    }
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new StoreException("expiring approval " + r.id() + ": " + e.getMessage(), e);
            }
        }
        return expired;
    }

    public Request get(long id) {
        List<Request> found = query(SELECT + " WHERE a.delivery_id = ?", id);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Requests in {@code state} (all when null), newest first. */
    public List<Request> list(String state) {
        return state == null ? query(SELECT + " ORDER BY a.delivery_id DESC")
                : query(SELECT + " WHERE a.state = ? ORDER BY a.delivery_id DESC", state);
    }

    private List<Request> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<Request> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long decided = rs.getLong(9);
                    Instant decidedAt = rs.wasNull() ? null : Instant.ofEpochMilli(decided);
                    out.add(new Request(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)),
                            rs.getString(8), decidedAt, rs.getString(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading approvals: " + e.getMessage(), e);
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            return ps.executeUpdate();
        }
    }
}
