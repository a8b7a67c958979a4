package io.vigil.notify;

import io.vigil.check.ResolvedRule;
import io.vigil.runtime.AlertLifecycle;
import io.vigil.runtime.AlertState;
import io.vigil.runtime.Transition;
import io.vigil.template.NumberText;
import io.vigil.template.Template;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance's step in a stored evaluation, as the outbox writers see it: the rule, the step, the
 * evaluation time {@code t} and the wall-clock {@code now}, plus the alert event and silence verdict,
 * each worked out once and only when a writer asks.
 */
public final class AlertStep {
    private static final Map<String, Template> TEMPLATES = new ConcurrentHashMap<>();

    private final Connection connection;
    private final ResolvedRule rule;
    private final long instanceId;
    private final Map<String, String> labels;
    private final AlertLifecycle.Step step;
    private final Instant t;
    private final Instant now;
    private final Silencer silencer;
    private AlertEvent event;
    private Optional<String> silencedBy;

    AlertStep(Connection connection, ResolvedRule rule, long instanceId, Map<String, String> labels,
              AlertLifecycle.Step step, Instant t, Instant now, Silencer silencer) {
        this.connection = connection;
        this.rule = rule;
        this.instanceId = instanceId;
        this.labels = labels;
        this.step = step;
        this.t = t;
        this.now = now;
        this.silencer = silencer;
    }

    public Connection connection() { return connection; }

    public ResolvedRule rule() { return rule; }

    public long instanceId() { return instanceId; }

    public AlertLifecycle.Step step() { return step; }

    /** The evaluation time. */
    public Instant t() { return t; }

    /** The wall clock when the step was stored. */
    public Instant now() { return now; }

    /** Whether this step is the instance's transition to firing (what triggers actions). */
    public boolean startsFiring() {
        return step.transition().map(tr -> tr.kind() == Transition.Kind.FIRING).orElse(false);
    }

    /** The alert as the messages of this step tell of it. */
    public AlertEvent event() {
        if (event == null) event = buildEvent();
        return event;
    }

    /** The silence or maintenance window muting this alert at {@code t}, described, or empty. */
    public Optional<String> silencedBy() throws SQLException {
        if (silencedBy == null) silencedBy = silencer.silencedBy(connection, event().matchLabels(), t);
        return silencedBy;
    }

    private AlertEvent buildEvent() {
        boolean resolved = step.transition().map(tr -> tr.kind() == Transition.Kind.RESOLVED).orElse(false);
        AlertState firing = resolved ? step.transition().get().from() : step.state();
        double value = step.transition().map(Transition::value).orElse(step.state().value());
        AlertEvent base = new AlertEvent(instanceId, rule.model(), rule.name(), new java.util.TreeMap<>(labels),
                Double.isFinite(value) ? value : null, resolved ? "resolved" : "firing", rule.severity(), null, null,
                rule.runbook(), firing.firedAt(), resolved ? t : null, t);
        String summary = rule.summary() == null ? defaultSummary(value) : render(rule.summary(), base);
        String description = rule.description() == null ? null : render(rule.description(), base);
        return new AlertEvent(base.alertId(), base.model(), base.rule(), base.labels(), base.value(), base.state(),
                base.severity(), summary, description, base.runbook(), base.startsAt(), base.endsAt(), base.at());
    }

    private String defaultSummary(double value) {
        return rule.id() + ": " + rule.when().span().text() + " (value " + NumberText.format(value) + ")";
    }

    /** Rule templates were checked with the rule set, so parsing cannot fail here. */
    private static String render(String template, AlertEvent e) {
        return TEMPLATES.computeIfAbsent(template, Template::of).render(e.context());
    }
}
