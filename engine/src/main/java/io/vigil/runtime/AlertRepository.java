package io.vigil.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.check.ResolvedRule;
import io.vigil.store.Labels;
import io.vigil.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Durable alert state: instances, transitions, and the latest evaluation of every rule and group. One
 * group evaluation is stored in one transaction, together with whatever a {@link TransitionHook}
 * writes (the notification outbox), so a crash never leaves a transition without its notifications.
 */
public final class AlertRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** SQLSTATE of a unique constraint violation, on PostgreSQL and H2 alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public AlertRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes extra rows for stored instance steps inside the same transaction. */
    @FunctionalInterface
    public interface TransitionHook {
        /**
         * Called for every stored instance step of an evaluation at {@code t}, with or without a
         * transition, so that what depends on time alone (a repeat while firing) is decided at each
         * evaluation in the same transaction.
         */
        void stepped(Connection c, AlertBook.RuleFold fold, long instanceId, Map<String, String> labels,
                     AlertLifecycle.Step step, Instant t) throws SQLException;

        TransitionHook NONE = (c, f, id, l, step, t) -> {};
    }

    /**
     * Stores one group evaluation: every instance step, every transition, the rules' latest evaluation
     * and a line in the evaluation log, unless the group's last evaluation is no longer {@code previous}
     * (another node stored one since the state was read): then nothing is written and the answer is false.
     * The group's row is updated first, so a second node storing the same tick waits for the first and
     * then finds its evaluation stale.
     *
     * @param previous the group's last evaluation when the state this evaluation folded over was read
     * @param node     who stores it ({@code schedule.NodeName})
     */
    public boolean store(String groupKey, Instant previous, String node, Evaluator.GroupResult result,
                         List<AlertBook.RuleFold> folds, TransitionHook hook) {
        long t = result.t().toEpochMilli();
        long durationMs = result.operandTime().plus(result.conditionTime()).toMillis();
        if (previous != null && !previous.isBefore(result.t())) return false;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!advanceGroup(c, groupKey, previous, t)) {
                    c.rollback();
                    return false;
                }
                logEvaluation(c, groupKey, t, node);
                for (AlertBook.RuleFold f : folds) {
                    ResolvedRule rule = f.plan().rule();
                    for (AlertTracker.InstanceStep step : f.fold().steps()) {
                        AlertState s = step.step().state();
                        Explanation why = f.explanations().get(step.labels());
                        long id = upsertInstance(c, rule, step.labels(), s, t, why);
                        if (step.step().transition().isPresent()) {
                            insertTransition(c, id, step.step().transition().get(), why);
                        }
                        hook.stepped(c, f, id, step.labels(), step.step(), result.t());
                    }
                    upsertRuleEvaluation(c, rule, t, durationMs,
                            f.result().failed() ? String.join("; ", f.result().errors()) : null);
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("storing evaluation of " + groupKey + " at " + result.t() + ": " + e.getMessage(), e);
        }
    }

    private static long upsertInstance(Connection c, ResolvedRule rule, Map<String, String> labels, AlertState s,
                                       long t, Explanation why) throws SQLException {
        Labels l = Labels.of(labels);
        String explanation = why == null ? null : json(why);
        try (PreparedStatement ps = c.prepareStatement("UPDATE alert_instances SET status = ?, val = ?, active_at = ?, "
                + "fired_at = ?, keep_firing_since = ?, last_eval = ?, explanation = COALESCE(?, explanation) "
                + "WHERE model = ? AND rule = ? AND labels_hash = ? AND labels = ?")) {
            bindState(ps, 1, s, t, explanation);
            ps.setString(8, rule.model());
            ps.setString(9, rule.name());
            ps.setLong(10, l.hash64());
            ps.setString(11, l.text());
            if (ps.executeUpdate() == 0) {
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO alert_instances (status, val, active_at, "
                        + "fired_at, keep_firing_since, last_eval, explanation, model, rule, labels_hash, labels) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bindState(ins, 1, s, t, explanation);
                    ins.setString(8, rule.model());
                    ins.setString(9, rule.name());
                    ins.setLong(10, l.hash64());
                    ins.setString(11, l.text());
                    ins.executeUpdate();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM alert_instances WHERE model = ? AND rule = ? AND labels_hash = ? AND labels = ?")) {
            ps.setString(1, rule.model());
            ps.setString(2, rule.name());
            ps.setLong(3, l.hash64());
            ps.setString(4, l.text());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void bindState(PreparedStatement ps, int i, AlertState s, long t, String explanation)
            throws SQLException {
        ps.setString(i, s.status().label());
        setDouble(ps, i + 1, s.value());
        setTime(ps, i + 2, s.activeAt());
        setTime(ps, i + 3, s.firedAt());
        setTime(ps, i + 4, s.keepFiringSince());
        ps.setLong(i + 5, t);
        ps.setString(i + 6, explanation);
    }

    private static void insertTransition(Connection c, long instanceId, Transition tr, Explanation why)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_transitions (instance_id, at, kind, "
                + "from_status, to_status, val, explanation) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, instanceId);
            ps.setLong(2, tr.at().toEpochMilli());
            ps.setString(3, tr.kind().name().toLowerCase(java.util.Locale.ROOT));
            ps.setString(4, tr.from().status().label());
            ps.setString(5, tr.to().status().label());
            setDouble(ps, 6, tr.value());
            ps.setString(7, why == null ? null : json(why));
            ps.executeUpdate();
        }
    }

    private static void upsertRuleEvaluation(Connection c, ResolvedRule rule, long t, long durationMs, String error)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE rule_evaluations SET last_t = ?, duration_ms = ?, error = ? WHERE model = ? AND rule = ?")) {
            ps.setLong(1, t);
            ps.setLong(2, durationMs);
            ps.setString(3, truncate(error));
            ps.setString(4, rule.model());
            ps.setString(5, rule.name());
            if (ps.executeUpdate() > 0) return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rule_evaluations (last_t, duration_ms, error, model, rule) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, t);
            ps.setLong(2, durationMs);
            ps.setString(3, truncate(error));
            ps.setString(4, rule.model());
            ps.setString(5, rule.name());
            ps.executeUpdate();
        }
    }

    private static boolean advanceGroup(Connection c, String groupKey, Instant previous, long t) throws SQLException {
        if (previous == null) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO group_evaluations (group_key, last_t) VALUES (?, ?)")) {
                ps.setString(1, groupKey);
                ps.setLong(2, t);
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) return false; // another node's first evaluation won
                throw e;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE group_evaluations SET last_t = ? WHERE group_key = ? AND last_t = ?")) {
            ps.setLong(1, t);
            ps.setString(2, groupKey);
            ps.setLong(3, previous.toEpochMilli());
            return ps.executeUpdate() == 1;
        }
    }

    private static void logEvaluation(Connection c, String groupKey, long t, String node) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO evaluation_log (group_key, t, node, stored_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, groupKey);
            ps.setLong(2, t);
            ps.setString(3, node.length() <= 200 ? node : node.substring(0, 200));
            ps.setLong(4, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }

    /** Deletes evaluation log lines stored before {@code before}; returns how many. */
    public int purgeEvaluationLog(Instant before) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM evaluation_log WHERE stored_at < ?")) {
            ps.setLong(1, before.toEpochMilli());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("purging the evaluation log: " + e.getMessage(), e);
        }
    }

    /** The last evaluation time of a group, or null if it never ran. */
    public Instant lastEvaluation(String groupKey) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT last_t FROM group_evaluations WHERE group_key = ?")) {
            ps.setString(1, groupKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Instant.ofEpochMilli(rs.getLong(1)) : null;
            }
        } catch (SQLException e) {
            throw new StoreException("reading last evaluation of " + groupKey + ": " + e.getMessage(), e);
        }
    }

    /** Pending and firing instances per rule id ({@code model/rule}), to resume after a restart. */
    public Map<String, Map<Map<String, String>, AlertState>> activeStates() {
        return activeStates(null);
    }

    /** Pending and firing instances per rule id of one model (every model when null). */
    public Map<String, Map<Map<String, String>, AlertState>> activeStates(String model) {
        Map<String, Map<Map<String, String>, AlertState>> out = new HashMap<>();
        for (AlertRow r : query("status <> 'inactive'" + (model == null ? "" : " AND model = ?"), model)) {
            out.computeIfAbsent(r.model() + "/" + r.rule(), k -> new HashMap<>()).put(r.labels(), r.state());
        }
        return out;
    }

    /**
     * Makes every pending or firing instance of a rule that is no longer loaded inactive, with a "removed"
     * transition, so deleted or renamed rules do not stay firing forever. Returns how many were retired.
     */
    public int retireRulesNotIn(java.util.Set<String> loadedRuleIds, Instant t) {
        int n = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (AlertRow r : query("status <> 'inactive'", null)) {
                    if (loadedRuleIds.contains(r.model() + "/" + r.rule())) continue;
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_transitions (instance_id, at, kind, "
                            + "from_status, to_status, val, explanation) VALUES (?, ?, 'removed', ?, 'inactive', ?, NULL)")) {
                        ps.setLong(1, r.id());
                        ps.setLong(2, t.toEpochMilli());
                        ps.setString(3, r.state().status().label());
                        setDouble(ps, 4, r.state().value());
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement("UPDATE alert_instances SET status = 'inactive', "
                            + "active_at = NULL, fired_at = NULL, keep_firing_since = NULL WHERE id = ?")) {
                        ps.setLong(1, r.id());
                        ps.executeUpdate();
                    }
                    n++;
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("retiring alerts of removed rules: " + e.getMessage(), e);
        }
        return n;
    }

    /** One stored instance. */
    public record AlertRow(long id, String model, String rule, Map<String, String> labels, AlertState state,
                           Instant lastEvaluation, String explanationJson) {}

    /** One stored transition. */
    public record TransitionRow(long id, Instant at, String kind, String from, String to, double value,
                                String explanationJson) {}

    /** Instances sorted by model, rule and labels; {@code status} null means every instance. */
    public List<AlertRow> alerts(AlertStatus status) {
        return status == null ? query(null, null) : query("status = ?", status.label());
    }

    private List<AlertRow> query(String where, String parameter) {
        String sql = "SELECT id, model, rule, labels, status, val, active_at, fired_at, keep_firing_since, last_eval, "
                + "explanation FROM alert_instances" + (where == null ? "" : " WHERE " + where)
                + " ORDER BY model, rule, labels";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) ps.setString(1, parameter);
            List<AlertRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(row(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading alerts: " + e.getMessage(), e);
        }
    }

    /** One instance by id, or null. */
    public AlertRow alert(long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, model, rule, labels, status, val, active_at, fired_at, keep_firing_since, last_eval, "
                        + "explanation FROM alert_instances WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        } catch (SQLException e) {
            throw new StoreException("reading alert " + id + ": " + e.getMessage(), e);
        }
    }

    /** The transitions of one instance, oldest first. */
    public List<TransitionRow> history(long instanceId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, at, kind, from_status, to_status, val, explanation FROM alert_transitions "
                        + "WHERE instance_id = ? ORDER BY at, id")) {
            ps.setLong(1, instanceId);
            List<TransitionRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double v = rs.getDouble(6);
                    if (rs.wasNull()) v = Double.NaN;
                    out.add(new TransitionRow(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), v, rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading history of alert " + instanceId + ": " + e.getMessage(), e);
        }
    }

    /** Latest evaluation per rule id: time, duration and error (null when it succeeded). */
    public record RuleEvaluation(Instant at, long durationMs, String error) {}

    public Map<String, RuleEvaluation> ruleEvaluations() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT model, rule, last_t, duration_ms, error FROM rule_evaluations")) {
            Map<String, RuleEvaluation> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "/" + rs.getString(2), new RuleEvaluation(
                            Instant.ofEpochMilli(rs.getLong(3)), rs.getLong(4), rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading rule evaluations: " + e.getMessage(), e);
        }
    }

    private static AlertRow row(ResultSet rs) throws SQLException {
        AlertStatus status = AlertStatus.valueOf(rs.getString(5).toUpperCase(java.util.Locale.ROOT));
        double v = rs.getDouble(6);
        if (rs.wasNull()) v = Double.NaN;
        AlertState state = new AlertState(status, v, time(rs, 7), time(rs, 8), time(rs, 9));
        return new AlertRow(rs.getLong(1), rs.getString(2), rs.getString(3), parseLabels(rs.getString(4)), state,
                Instant.ofEpochMilli(rs.getLong(10)), rs.getString(11));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> parseLabels(String text) throws SQLException {
        try {
            return new java.util.TreeMap<>(JSON.readValue(text, Map.class));
        } catch (JsonProcessingException e) {
            throw new SQLException("corrupt labels " + text, e);
        }
    }

    private static Instant time(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) ps.setNull(i, Types.BIGINT);
        else ps.setLong(i, t.toEpochMilli());
    }

    private static void setDouble(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isNaN(v)) ps.setNull(i, Types.DOUBLE);
        else ps.setDouble(i, v);
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3990) + " […]";
    }
}
