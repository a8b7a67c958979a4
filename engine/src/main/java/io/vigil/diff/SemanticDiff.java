package io.vigil.diff;

import io.vigil.check.Durations;
import io.vigil.check.ResolvedRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The change between two checked rule sets, rule by rule and field by field, on the rules as they
 * resolve (model-block defaults applied), so only what changes behaviour or output counts: layout,
 * comments, clause order and spelling ({@code 15%} for {@code 0.15}) do not.
 */
public final class SemanticDiff {
    private SemanticDiff() {}

    /** What changed, sorted by rule id; rules that did not change are left out (see {@link Result#unchanged()}). */
    public record Result(List<RuleChange> changes, int unchanged) {
        public Result {
            changes = List.copyOf(changes);
        }

        public long count(RuleChange.Kind kind) {
            return changes.stream().filter(c -> c.kind() == kind).count();
        }
    }

    public static Result compare(List<ResolvedRule> before, List<ResolvedRule> after) {
        Map<String, ResolvedRule> old = byId(before);
        Map<String, ResolvedRule> neu = byId(after);
        List<RuleChange> changes = new ArrayList<>();
        int unchanged = 0;
        List<ResolvedRule> removed = new ArrayList<>();
        List<ResolvedRule> added = new ArrayList<>();
        for (ResolvedRule o : old.values()) {
            ResolvedRule n = neu.get(o.id());
            if (n == null) {
                removed.add(o);
                continue;
            }
            List<RuleChange.FieldChange> fields = fields(o, n);
            if (fields.isEmpty()) unchanged++;
            else changes.add(new RuleChange(RuleChange.Kind.CHANGED, o, n, fields));
        }
        for (ResolvedRule n : neu.values()) if (!old.containsKey(n.id())) added.add(n);
        // A removed and an added rule of one model with the same body are a rename; each matches once.
        Map<String, List<ResolvedRule>> addedByBody = new HashMap<>();
        for (ResolvedRule n : added) addedByBody.computeIfAbsent(body(n), k -> new ArrayList<>()).add(n);
        for (ResolvedRule o : removed) {
            List<ResolvedRule> same = addedByBody.get(body(o));
            if (same != null && !same.isEmpty()) {
                ResolvedRule n = same.remove(0);
                added.remove(n);
                changes.add(new RuleChange(RuleChange.Kind.RENAMED, o, n, List.of()));
            } else {
                changes.add(new RuleChange(RuleChange.Kind.REMOVED, o, null, List.of()));
            }
        }
        for (ResolvedRule n : added) changes.add(new RuleChange(RuleChange.Kind.ADDED, null, n, List.of()));
        changes.sort(Comparator.comparing(RuleChange::id));
        return new Result(changes, unchanged);
    }

    private static Map<String, ResolvedRule> byId(List<ResolvedRule> rules) {
        Map<String, ResolvedRule> m = new LinkedHashMap<>();
        for (ResolvedRule r : rules) m.put(r.id(), r);
        return m;
    }

    /** Everything that defines a rule's behaviour and output except its name. */
    private static String body(ResolvedRule r) {
        StringBuilder b = new StringBuilder(r.model());
        for (String[] f : values(r)) b.append('\u0000').append(f[0]).append('=').append(f[1]);
        return b.toString();
    }

    /** (field, value) in clause order, each value written as in a rule file. */
    private static List<String[]> values(ResolvedRule r) {
        List<String[]> v = new ArrayList<>();
        v.add(new String[] {"condition", ExprText.of(r.when())});
        v.add(new String[] {"for", duration(r.forDuration())});
        v.add(new String[] {"keep_firing_for", duration(r.keepFiringFor())});
        v.add(new String[] {"schedule", r.schedule().key()});
        v.add(new String[] {"severity", Objects.toString(r.severity(), "")});
        v.add(new String[] {"labels", labels(r.labels())});
        v.add(new String[] {"notify", notify(r)});
        v.add(new String[] {"trigger", String.join(", ", triggers(r).keySet())});
        v.add(new String[] {"cooldown", perAction(r, t -> t.cooldown() == null ? "" : Durations.format(t.cooldown()))});
        v.add(new String[] {"approval", perAction(r, t -> t.approvalRequired() ? "required" : "")});
        v.add(new String[] {"summary", text(r.summary())});
        v.add(new String[] {"description", text(r.description())});
        v.add(new String[] {"runbook", text(r.runbook())});
        v.add(new String[] {"staleness", duration(r.staleness())});
        v.add(new String[] {"baseline", text(r.baseline())});
        return v;
    }

    private static List<RuleChange.FieldChange> fields(ResolvedRule o, ResolvedRule n) {
        List<String[]> a = values(o);
        List<String[]> b = values(n);
        List<RuleChange.FieldChange> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String field = a.get(i)[0];
            if (a.get(i)[1].equals(b.get(i)[1])) continue;
            // Adding or dropping an action shows under trigger; cooldown and approval speak of the actions both have.
            if (field.equals("cooldown") || field.equals("approval")) {
                String shared = perActionShared(o, n, field);
                if (shared == null) continue;
                out.add(new RuleChange.FieldChange(field, shared.split("\u0000")[0], shared.split("\u0000", -1)[1], List.of()));
                continue;
            }
            List<ConditionDiff.Change> parts = field.equals("condition") ? ConditionDiff.between(o.when(), n.when()) : List.of();
            out.add(new RuleChange.FieldChange(field, a.get(i)[1], b.get(i)[1], parts));
        }
        return out;
    }

    /** "old\0new" for a trigger property of the actions both versions run, or null when it is the same for all. */
    private static String perActionShared(ResolvedRule o, ResolvedRule n, String field) {
        Map<String, ResolvedRule.TriggerSpec> a = triggers(o);
        Map<String, ResolvedRule.TriggerSpec> b = triggers(n);
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (var e : a.entrySet()) {
            ResolvedRule.TriggerSpec other = b.get(e.getKey());
            if (other == null) continue;
            String x = property(e.getValue(), field);
            String y = property(other, field);
            if (x.equals(y)) continue;
            before.add(e.getKey() + ": " + (x.isEmpty() ? "none" : x));
            after.add(e.getKey() + ": " + (y.isEmpty() ? "none" : y));
        }
        return before.isEmpty() ? null : String.join(", ", before) + "\u0000" + String.join(", ", after);
    }

    private static String property(ResolvedRule.TriggerSpec t, String field) {
        if (field.equals("cooldown")) return t.cooldown() == null ? "" : Durations.format(t.cooldown());
        return t.approvalRequired() ? "required" : "";
    }

    private static Map<String, ResolvedRule.TriggerSpec> triggers(ResolvedRule r) {
        Map<String, ResolvedRule.TriggerSpec> m = new TreeMap<>();
        for (ResolvedRule.TriggerSpec t : r.triggers()) m.put(t.action(), t);
        return m;
    }

    private static String perAction(ResolvedRule r, java.util.function.Function<ResolvedRule.TriggerSpec, String> f) {
        List<String> out = new ArrayList<>();
        triggers(r).forEach((action, t) -> out.add(action + ":" + f.apply(t)));
        return String.join(", ", out);
    }

    private static String notify(ResolvedRule r) {
        return r.notifications().stream()
                .map(n -> n.channel() + (n.repeat() == null ? "" : " repeat " + Durations.format(n.repeat())))
                .sorted().reduce((x, y) -> x + ", " + y).orElse("");
    }

    private static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) return "";
        List<String> pairs = new ArrayList<>();
        new TreeMap<>(labels).forEach((k, v) -> pairs.add(k + ": " + ExprText.quote(v)));
        return "{" + String.join(", ", pairs) + "}";
    }

    private static String duration(Duration d) {
        return d == null || d.isZero() ? "" : Durations.format(d);
    }

    private static String text(String s) {
        return s == null ? "" : ExprText.quote(s);
    }
}
