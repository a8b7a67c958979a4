package io.vigil.diff;

import io.vigil.check.ResolvedRule;
import java.util.List;

/**
 * How one rule differs between two versions of a rule set.
 *
 * @param before the old rule, null when added
 * @param after  the new rule, null when removed
 * @param fields what changed in a changed rule, in clause order; empty otherwise
 */
public record RuleChange(Kind kind, ResolvedRule before, ResolvedRule after, List<FieldChange> fields) {

    /** What happened to the rule. */
    public enum Kind {
        ADDED, REMOVED, RENAMED, CHANGED;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public RuleChange {
        fields = List.copyOf(fields);
    }

    /** The rule's id in the new version, or in the old one when it was removed. */
    public String id() { return after != null ? after.id() : before.id(); }

    /**
     * Whether old and new could alert, notify or act differently, so a backtest of both is worth running:
     * not for a rename, nor when only the texts of the messages (summary, description, runbook) changed.
     */
    public boolean behaves() {
        if (kind == Kind.RENAMED) return false;
        if (kind != Kind.CHANGED) return true;
        return fields.stream().anyMatch(f -> !TEXT_ONLY.contains(f.field()));
    }

    private static final java.util.Set<String> TEXT_ONLY = java.util.Set.of("summary", "description", "runbook");

    /**
     * One changed field of a rule.
     *
     * @param field     condition, for, keep_firing_for, schedule, severity, labels, notify, trigger, cooldown,
     *                  approval, summary, description, runbook, staleness or baseline
     * @param before    the old value as a rule file would write it ("" when absent)
     * @param after     the new value
     * @param condition for {@code condition}, each changed part; empty for other fields
     */
    public record FieldChange(String field, String before, String after, List<ConditionDiff.Change> condition) {
        public FieldChange {
            condition = List.copyOf(condition);
        }
    }
}
