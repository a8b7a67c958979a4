package io.vigil.diff;

import io.vigil.testing.RuleSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code vigil diff} found: the semantic change and, with history, the backtest delta.
 *
 * @param before   what the old version is, e.g. "origin/main (merge base 1a2b3c4)" or a directory
 * @param after    what the new version is, e.g. "working tree"
 * @param backtest null without history
 */
public record DiffReport(String before, String after, SemanticDiff.Result semantic, BacktestDelta.Result backtest) {

    /** The backtest delta of a change, or null when there is none (no history, or a rename). */
    public RuleDelta delta(RuleChange c) {
        if (backtest == null) return null;
        for (RuleDelta d : backtest.rules()) if (d.change() == c) return d;
        return null;
    }

    /** "2 changed, 1 added, 0 removed, 1 renamed, 996 unchanged". */
    public String counts() {
        return semantic.count(RuleChange.Kind.CHANGED) + " changed, " + semantic.count(RuleChange.Kind.ADDED) + " added, "
                + semantic.count(RuleChange.Kind.REMOVED) + " removed, " + semantic.count(RuleChange.Kind.RENAMED)
                + " renamed, " + semantic.unchanged() + " unchanged";
    }

    /** The change in one line: "threshold 0.2 → 0.25; for 10m → 20m", "added", "renamed from m/old". */
    static String headline(RuleChange c, String arrow) {
        return switch (c.kind()) {
            case ADDED -> "added";
            case REMOVED -> "removed";
            case RENAMED -> "renamed from " + c.before().id();
            case CHANGED -> {
                List<String> parts = new ArrayList<>();
                for (RuleChange.FieldChange f : c.fields()) {
                    if (f.field().equals("condition")) {
                        boolean threshold = false;
                        for (ConditionDiff.Change p : f.condition()) {
                            if (p.oldThreshold() != null) {
                                parts.add("threshold " + p.oldThreshold() + arrow + p.newThreshold());
                                threshold = true;
                            }
                        }
                        if (!threshold) parts.add("condition");
                    } else {
                        parts.add(f.field() + " " + orNone(f.before()) + arrow + orNone(f.after()));
                    }
                }
                yield String.join("; ", parts);
            }
        };
    }

    static String orNone(String s) {
        return s.isEmpty() ? "none" : s;
    }

    /** "3 firing, 2 resolved" summed over channels (or actions); "none" when empty. */
    static String total(Map<String, String> byTarget) {
        if (byTarget.isEmpty()) return "none";
        List<String> parts = new ArrayList<>();
        byTarget.forEach((target, what) -> parts.add(target + " " + what));
        return String.join("; ", parts);
    }

    static String signed(Duration d) {
        if (d.isZero()) return "±0";
        return (d.isNegative() ? "-" : "+") + RuleSummary.duration(d.abs());
    }

    static String signed(long n) {
        return n == 0 ? "±0" : (n > 0 ? "+" : "") + n;
    }
}
