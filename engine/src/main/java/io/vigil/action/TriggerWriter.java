package io.vigil.action;

import io.vigil.check.Durations;
import io.vigil.check.ResolvedRule;
import io.vigil.config.Action;
import io.vigil.notify.AlertStep;
import io.vigil.notify.Outbox;
import io.vigil.notify.StepWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbox rows for a rule's {@code trigger} clauses, on the transition to firing: one run per action,
 * unless a silence mutes the alert (recorded as suppressed) or the action already ran for the model
 * within the trigger's {@code cooldown}, whichever rule triggered it (recorded as skipped). Runs a
 * person rejected, or that expired unapproved, do not start a cooldown.
 */
public final class TriggerWriter implements StepWriter {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerWriter.class);

    private final Map<String, Action> actions;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public TriggerWriter(Map<String, Action> actions) {
        this.actions = Map.copyOf(actions);
    }

    @Override
    public void write(AlertStep s) throws SQLException {
        if (!s.startsFiring()) return;
        for (ResolvedRule.TriggerSpec spec : s.rule().triggers()) {
            if (!actions.containsKey(spec.action())) {
                if (warned.add(spec.action())) {
                    LOG.warn("rule {} triggers action '{}', which the config does not define; nothing is run",
                            s.rule().id(), spec.action());
                }
                continue;
            }
            Optional<String> silenced = s.silencedBy();
            if (silenced.isPresent()) {
                Outbox.record(s, "action", spec.action(), "trigger", "suppressed", "suppressed by " + silenced.get());
                continue;
            }
            if (spec.cooldown() != null) {
                LastRun last = lastRun(s.connection(), spec.action(), s.rule().model());
                if (last != null && s.t().isBefore(last.at().plus(spec.cooldown()))) {
                    Outbox.record(s, "action", spec.action(), "trigger", "skipped", "cooldown "
                            + Durations.format(spec.cooldown()) + " of " + spec.action() + " for model "
                            + s.rule().model() + ": last triggered at " + last.at() + " by rule " + last.rule());
                    continue;
                }
            }
            Outbox.queue(s, "action", spec.action(), "trigger", spec.approvalRequired(), s.now());
        }
    }

    private record LastRun(Instant at, String rule) {}

    /** The latest run of the action for the model that was queued, is waiting, ran or is running. */
    private static LastRun lastRun(Connection c, String action, String model) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT o.event_at, o.rule FROM outbox o "
                + "LEFT JOIN deliveries d ON d.id = o.delivery_id WHERE o.kind = 'action' AND o.target = ? "
                + "AND o.model = ? AND (d.id IS NULL OR d.state NOT IN ('rejected', 'expired', 'suppressed', 'skipped')) "
                + "ORDER BY o.event_at DESC, o.id DESC FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, action);
            ps.setString(2, model);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new LastRun(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2)) : null;
            }
        }
    }
}
