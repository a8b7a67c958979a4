package io.vigil.diff;

import io.vigil.testing.LabelText;
import io.vigil.testing.RuleSummary;
import java.util.Locale;

/** {@code vigil diff --format text}: one block per changed rule, then what the backtest found. */
public final class DiffText {
    private DiffText() {}

    private static final String ARROW = " -> ";

    public static String render(DiffReport r) {
        StringBuilder out = new StringBuilder();
        out.append("rules ").append(r.before()).append(ARROW).append(r.after()).append(": ").append(r.counts()).append('\n');
        if (r.semantic().changes().isEmpty()) {
            out.append("no semantic change").append('\n');
            return out.toString();
        }
        for (RuleChange c : r.semantic().changes()) {
            out.append('\n').append(symbol(c.kind())).append(' ').append(c.id()).append("  (").append(c.kind().label()).append(")\n");
            semantic(c, out);
        }
        if (r.backtest() != null) backtest(r, out);
        return out.toString();
    }

    private static char symbol(RuleChange.Kind k) {
        return switch (k) {
            case ADDED -> '+';
            case REMOVED -> '-';
            case RENAMED -> '>';
            case CHANGED -> '~';
        };
    }

    private static void semantic(RuleChange c, StringBuilder out) {
        switch (c.kind()) {
            case ADDED -> out.append("    when ").append(ExprText.of(c.after().when())).append('\n');
            case REMOVED -> out.append("    when ").append(ExprText.of(c.before().when())).append('\n');
            case RENAMED -> out.append("    renamed from ").append(c.before().id()).append(", same body\n");
            case CHANGED -> {
                for (RuleChange.FieldChange f : c.fields()) {
                    if (f.field().equals("condition")) {
                        for (ConditionDiff.Change p : f.condition()) {
                            out.append("    condition: ").append(p.before()).append(ARROW).append(p.after());
                            if (p.oldThreshold() != null) {
                                out.append("  (threshold ").append(p.oldThreshold()).append(ARROW).append(p.newThreshold()).append(')');
                            }
                            out.append('\n');
                        }
                    } else {
                        out.append("    ").append(f.field()).append(": ").append(DiffReport.orNone(f.before())).append(ARROW)
                                .append(DiffReport.orNone(f.after())).append('\n');
                    }
                }
            }
        }
    }

    private static void backtest(DiffReport r, StringBuilder out) {
        BacktestDelta.Result b = r.backtest();
        out.append(String.format(Locale.ROOT, "%nbacktest from %s to %s: %,d evaluations in %.1f s%n", b.from(), b.to(),
                b.evaluations(), b.elapsed().toMillis() / 1000.0));
        for (RuleDelta d : b.rules()) {
            out.append('\n').append(d.change().id()).append(": episodes ").append(d.episodesBefore()).append(ARROW)
                    .append(d.episodesAfter()).append(", firing ").append(RuleSummary.duration(d.firingBefore())).append(ARROW)
                    .append(RuleSummary.duration(d.firingAfter())).append(" (")
                    .append(DiffReport.signed(d.firingAfter().minus(d.firingBefore()))).append(")\n");
            if (!d.differs()) out.append("  no difference over this range\n");
            for (Episode e : d.onlyBefore()) out.append("  only before: ").append(episode(e)).append('\n');
            for (Episode e : d.onlyAfter()) out.append("  only after:  ").append(episode(e)).append('\n');
            for (RuleDelta.Moved m : d.moved()) {
                out.append("  moved:       ").append(episode(m.before())).append(ARROW).append(m.after().start()).append(" to ")
                        .append(m.after().end()).append(m.after().open() ? " (still firing)" : "").append('\n');
            }
            out.append("  notifications: ").append(d.before() == null ? "none" : DiffReport.total(d.before().notifications()))
                    .append(ARROW).append(d.after() == null ? "none" : DiffReport.total(d.after().notifications())).append('\n');
            out.append("  actions: ").append(d.before() == null ? "none" : DiffReport.total(d.before().actions()))
                    .append(ARROW).append(d.after() == null ? "none" : DiffReport.total(d.after().actions())).append('\n');
            if (d.failureBefore() != null) out.append("  before: ").append(d.failureBefore()).append('\n');
            if (d.failureAfter() != null) out.append("  after: ").append(d.failureAfter()).append('\n');
        }
    }

    static String episode(Episode e) {
        return LabelText.of(e.labels()) + " " + e.start() + " to " + e.end() + " (" + RuleSummary.duration(e.length())
                + (e.open() ? ", still firing" : "") + ")";
    }
}
