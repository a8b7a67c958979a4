package io.vigil.runtime;

import io.vigil.check.ResolvedRule;
import io.vigil.plan.RulePlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The alert state of every rule: one {@link AlertTracker} per rule id, folded over each evaluation.
 * Folding and committing are separate so the live engine can store the transitions first and only then
 * make them current; backtests and rule tests commit at once.
 */
public final class AlertBook {
    private final Map<String, AlertTracker> trackers = new ConcurrentHashMap<>();

    /** The outcome of folding one rule's evaluation: the next tracker, its steps, and each instance's explanation. */
    public record RuleFold(RulePlan plan, Evaluator.RuleResult result, AlertTracker.Fold fold,
                           Map<Map<String, String>, Explanation> explanations) {
        public String ruleId() { return plan.id(); }
    }

    /** Folds every rule of a group evaluation over the current state, without changing it. */
    public List<RuleFold> fold(Evaluator.GroupResult group) {
        List<RuleFold> out = new ArrayList<>(group.rules().size());
        for (Evaluator.RuleResult r : group.rules()) {
            ResolvedRule rule = r.plan().rule();
            AlertTracker tracker = tracker(rule);
            AlertTracker.Fold fold;
            Map<Map<String, String>, Explanation> explanations = new HashMap<>();
            if (r.failed()) {
                fold = tracker.failed(String.join("; ", r.errors()), group.t());
            } else {
                Map<Map<String, String>, Double> breaches = new HashMap<>();
                for (Evaluator.Instance i : r.instances()) {
                    Map<String, String> labels = instanceLabels(rule, i.labels());
                    breaches.put(labels, i.value());
                    explanations.put(labels, i.explanation());
                }
                fold = tracker.evaluate(breaches, group.t());
            }
            out.add(new RuleFold(r.plan(), r, fold, explanations));
        }
        return out;
    }

    /** Makes folded evaluations the current state. */
    public void commit(List<RuleFold> folds) {
        for (RuleFold f : folds) trackers.put(f.ruleId(), f.fold().tracker());
    }

    /** Folds and commits at once (backtests, rule tests, {@code vigil eval}). */
    public List<RuleFold> apply(Evaluator.GroupResult group) {
        List<RuleFold> folds = fold(group);
        commit(folds);
        return folds;
    }

    /** Restores a rule's active instances, e.g. from the database after a restart. */
    public void restore(ResolvedRule rule, Map<Map<String, String>, AlertState> active) {
        trackers.put(rule.id(), new AlertTracker(rule.forDuration(), rule.keepFiringFor(), active));
    }

    /** The state of a rule (empty when it has never breached). */
    public AlertTracker tracker(ResolvedRule rule) {
        AlertTracker t = trackers.get(rule.id());
        if (t == null) return AlertTracker.start(rule.forDuration(), rule.keepFiringFor());
        if (!t.forDuration().equals(rule.forDuration()) || !t.keepFiringFor().equals(rule.keepFiringFor())) {
            // A reloaded rule with new timings keeps its instances; the new timings apply from now on.
            return new AlertTracker(rule.forDuration(), rule.keepFiringFor(), t.active());
        }
        return t;
    }

    /** Forgets rules that are no longer loaded. */
    public void retain(java.util.Set<String> ruleIds) {
        trackers.keySet().retainAll(ruleIds);
    }

    /** An instance's identity: the breach's labels plus the rule's own labels (which win, as in Prometheus). */
    public static SortedMap<String, String> instanceLabels(ResolvedRule rule, Map<String, String> breach) {
        SortedMap<String, String> labels = new TreeMap<>(breach);
        labels.putAll(rule.labels());
        return labels;
    }
}
