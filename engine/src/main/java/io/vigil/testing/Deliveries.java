package io.vigil.testing;

import io.vigil.check.ResolvedRule;
import io.vigil.config.MaintenanceWindow;
import io.vigil.runtime.AlertBook;
import io.vigil.runtime.AlertTracker;
import io.vigil.runtime.NotifyTiming;
import io.vigil.runtime.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the notify and trigger clauses would do after each evaluation, without sending or running
 * anything: notifications per (instance, channel) timed by {@link NotifyTiming} (firing, every
 * {@code repeat}, resolved), actions once per transition to firing and at most once per {@code cooldown}
 * per (action, model), and both held back while a maintenance window of the config silences the alert.
 * Grouping of several instances into one message ({@code group_wait}) is not modelled: one entry per instance.
 */
public final class Deliveries {

    /** A notification ({@code NOTIFY}) or an action run ({@code ACTION}). */
    public enum Type { NOTIFY, ACTION }

    /**
     * One notification or action the evaluation at {@code at} would cause.
     *
     * @param kind    firing, repeat or resolved for notifications; run or approval (waits for a person) for actions
     * @param skipped null when it goes out; else why not ("silenced by weekly_retrain", "cooldown until ...")
     */
    public record Delivery(Type type, String target, String model, String rule, SortedMap<String, String> labels,
                           String kind, Instant at, double value, String skipped) {
        public String ruleId() { return model + "/" + rule; }

        public boolean sent() { return skipped == null; }
    }

    private final Collection<MaintenanceWindow> silences;
    private final Map<List<Object>, Instant> lastSent = new HashMap<>();
    private final Map<List<String>, Instant> lastRun = new HashMap<>();

    /** @param silences the config's maintenance windows (empty without a config) */
    public Deliveries(Collection<MaintenanceWindow> silences) {
        this.silences = List.copyOf(silences);
    }

    /** The notifications and actions of one group evaluation at {@code t}, in rule and instance order. */
    public List<Delivery> after(Instant t, List<AlertBook.RuleFold> folds) {
        List<Delivery> out = new ArrayList<>();
        for (AlertBook.RuleFold f : folds) {
            ResolvedRule rule = f.plan().rule();
            if (rule.notifications().isEmpty() && rule.triggers().isEmpty()) continue;
            for (AlertTracker.InstanceStep s : f.fold().steps()) {
                SortedMap<String, String> labels = new TreeMap<>(s.labels());
                String silencedBy = silencedBy(rule, labels, t);
                double value = s.step().transition().map(Transition::value).orElse(s.step().state().value());
                for (ResolvedRule.NotifySpec n : rule.notifications()) {
                    List<Object> key = List.of(rule.id(), labels, n.channel());
                    NotifyTiming.Send send = NotifyTiming.decide(s.step(), lastSent.get(key), n.repeat(), t);
                    if (send == NotifyTiming.Send.NONE) continue;
                    // Still silenced, still untold: already reported as held back when it started firing.
                    if (silencedBy != null && s.step().transition().isEmpty() && send == NotifyTiming.Send.FIRING) continue;
                    if (silencedBy == null && send != NotifyTiming.Send.RESOLVED) lastSent.put(key, t);
                    out.add(new Delivery(Type.NOTIFY, n.channel(), rule.model(), rule.name(), labels,
                            send.name().toLowerCase(java.util.Locale.ROOT), t, value,
                            silencedBy == null ? null : "silenced by " + silencedBy));
                }
                boolean fired = s.step().transition().map(tr -> tr.kind() == Transition.Kind.FIRING).orElse(false);
                if (!fired) continue;
                for (ResolvedRule.TriggerSpec a : rule.triggers()) {
                    out.add(action(a, rule, labels, t, value, silencedBy));
                }
            }
        }
        return out;
    }

    private Delivery action(ResolvedRule.TriggerSpec a, ResolvedRule rule, SortedMap<String, String> labels, Instant t,
                            double value, String silencedBy) {
        List<String> key = List.of(a.action(), rule.model());
        Instant last = lastRun.get(key);
        String skipped = null;
        if (silencedBy != null) {
            skipped = "silenced by " + silencedBy;
        } else if (last != null && a.cooldown() != null && t.isBefore(last.plus(a.cooldown()))) {
            skipped = "cooldown until " + last.plus(a.cooldown());
        } else {
            lastRun.put(key, t);
        }
        return new Delivery(Type.ACTION, a.action(), rule.model(), rule.name(), labels,
                a.approvalRequired() ? "approval" : "run", t, value, skipped);
    }

    /** The first maintenance window open at {@code t} whose matchers match the alert, or null. */
    private String silencedBy(ResolvedRule rule, Map<String, String> labels, Instant t) {
        if (silences.isEmpty()) return null;
        Map<String, String> seen = new HashMap<>(labels);
        seen.put("model", rule.model());
        seen.put("rule", rule.name());
        seen.put("severity", rule.severity());
        for (MaintenanceWindow w : silences) if (w.silences(seen, t)) return w.name();
        return null;
    }
}
