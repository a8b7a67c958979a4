package io.vigil.diff;

import io.vigil.testing.LabelText;
import io.vigil.testing.RuleSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vigil diff --format markdown}: a pull-request comment. A summary table, then one section per
 * changed rule whose episode lists fold into {@code <details>} when long. Every piece of rule or label
 * text is escaped, so nothing in a rule file or a label value can add markup, links or HTML to the comment.
 */
public final class DiffMarkdown {
    private DiffMarkdown() {}

    private static final String ARROW = " → ";
    /** Episode rows shown before the list is folded. */
    static final int OPEN_ROWS = 5;

    public static String render(DiffReport r) {
        StringBuilder out = new StringBuilder();
        out.append("### vigil diff: ").append(text(r.counts())).append("\n\n");
        out.append("Rules of ").append(text(r.before())).append(ARROW).append(text(r.after())).append(".");
        if (r.backtest() != null) {
            out.append(" Backtest of both versions from ").append(r.backtest().from()).append(" to ").append(r.backtest().to())
                    .append(" on stored history.");
        }
        out.append("\n\n");
        if (r.semantic().changes().isEmpty()) {
            out.append("No semantic change: formatting and comments only.\n");
            return out.toString();
        }
        boolean history = r.backtest() != null;
        out.append(history ? "| Rule | Change | Episodes | Firing time | Notifications |\n|---|---|---|---|---|\n"
                : "| Rule | Change |\n|---|---|\n");
        for (RuleChange c : r.semantic().changes()) {
            out.append("| ").append(code(c.id())).append(" | ").append(text(DiffReport.headline(c, ARROW)));
            RuleDelta d = r.delta(c);
            if (history) {
                if (d == null) {
                    out.append(" | same | same | same");
                } else {
                    out.append(" | ").append(d.episodesBefore()).append(ARROW).append(d.episodesAfter())
                            .append(" | ").append(RuleSummary.duration(d.firingBefore())).append(ARROW)
                            .append(RuleSummary.duration(d.firingAfter())).append(" (")
                            .append(DiffReport.signed(d.firingAfter().minus(d.firingBefore()))).append(')')
                            .append(" | ").append(notes(d.before())).append(ARROW).append(notes(d.after()));
                }
            }
            out.append(" |\n");
        }
        for (RuleChange c : r.semantic().changes()) details(c, r.delta(c), out);
        return out.toString();
    }

    private static long notes(RuleSummary s) {
        if (s == null) return 0;
        long n = 0;
        for (String v : s.notifications().values()) {
            for (String part : v.split(", ")) {
                if (!part.contains("held back")) n += Long.parseLong(part.substring(0, part.indexOf(' ')));
            }
        }
        return n;
    }

    private static void details(RuleChange c, RuleDelta d, StringBuilder out) {
        out.append("\n#### ").append(code(c.id())).append(" (").append(c.kind().label()).append(")\n\n");
        switch (c.kind()) {
            case ADDED -> out.append("- **when** ").append(code(ExprText.of(c.after().when()))).append('\n');
            case REMOVED -> out.append("- **when** ").append(code(ExprText.of(c.before().when()))).append('\n');
            case RENAMED -> out.append("- renamed from ").append(code(c.before().id())).append(", same body\n");
            case CHANGED -> {
                for (RuleChange.FieldChange f : c.fields()) {
                    if (f.field().equals("condition")) {
                        for (ConditionDiff.Change p : f.condition()) {
                            out.append("- **condition** ").append(code(p.before())).append(ARROW).append(code(p.after()));
                            if (p.oldThreshold() != null) {
                                out.append(" (threshold ").append(text(p.oldThreshold())).append(ARROW)
                                        .append(text(p.newThreshold())).append(')');
                            }
                            out.append('\n');
                        }
                    } else {
                        out.append("- **").append(f.field()).append("** ").append(code(DiffReport.orNone(f.before())))
                                .append(ARROW).append(code(DiffReport.orNone(f.after()))).append('\n');
                    }
                }
            }
        }
        if (d == null) return;
        out.append("- **firing** ").append(d.episodesBefore()).append(" episode").append(d.episodesBefore() == 1 ? "" : "s")
                .append(", ").append(RuleSummary.duration(d.firingBefore())).append(ARROW).append(d.episodesAfter())
                .append(" episode").append(d.episodesAfter() == 1 ? "" : "s").append(", ")
                .append(RuleSummary.duration(d.firingAfter())).append('\n');
        out.append("- **notifications** ").append(text(d.before() == null ? "none" : DiffReport.total(d.before().notifications())))
                .append(ARROW).append(text(d.after() == null ? "none" : DiffReport.total(d.after().notifications()))).append('\n');
        out.append("- **actions** ").append(text(d.before() == null ? "none" : DiffReport.total(d.before().actions())))
                .append(ARROW).append(text(d.after() == null ? "none" : DiffReport.total(d.after().actions()))).append('\n');
        if (d.failureBefore() != null) out.append("- **before** ").append(text(d.failureBefore())).append('\n');
        if (d.failureAfter() != null) out.append("- **after** ").append(text(d.failureAfter())).append('\n');
        if (!d.differs()) {
            out.append("\nNo difference in alerts over this range.\n");
            return;
        }
        List<String> rows = new ArrayList<>();
        for (Episode e : d.onlyBefore()) rows.add(row("only before", e, null));
        for (Episode e : d.onlyAfter()) rows.add(row("only after", e, null));
        for (RuleDelta.Moved m : d.moved()) rows.add(row("moved", m.before(), m.after()));
        if (rows.isEmpty()) return;
        String table = "| | Labels | Start | End | Length |\n|---|---|---|---|---|\n" + String.join("", rows);
        String summary = d.onlyBefore().size() + " episode(s) only before, " + d.onlyAfter().size() + " only after, "
                + d.moved().size() + " moved";
        if (rows.size() > OPEN_ROWS) {
            out.append("\n<details><summary>").append(summary).append("</summary>\n\n").append(table).append("\n</details>\n");
        } else {
            out.append('\n').append(summary).append(":\n\n").append(table);
        }
    }

    private static String row(String what, Episode e, Episode moved) {
        String labels = code(LabelText.of(e.labels()));
        if (moved == null) {
            return "| " + what + " | " + labels + " | " + e.start() + " | " + end(e) + " | " + RuleSummary.duration(e.length()) + " |\n";
        }
        return "| " + what + " | " + labels + " | " + change(e.start().toString(), moved.start().toString()) + " | "
                + change(end(e), end(moved)) + " | " + change(RuleSummary.duration(e.length()), RuleSummary.duration(moved.length()))
                + " |\n";
    }

    private static String change(String a, String b) {
        return a.equals(b) ? a : a + ARROW + b;
    }

    private static String end(Episode e) {
        return e.end() + (e.open() ? " (still firing)" : "");
    }

    /**
     * Inline code that shows {@code s} literally, in a table cell too: backticks in it get a longer fence,
     * {@code |} is escaped (GitHub applies that inside code spans in tables), line breaks become spaces.
     */
    static String code(String s) {
        String flat = s.replace('\r', ' ').replace('\n', ' ').replace("|", "\\|");
        int run = 0;
        int longest = 0;
        for (char ch : flat.toCharArray()) {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
        return fence + pad + flat + pad + fence;
    }

    /** Plain text with every Markdown and HTML special character escaped. */
    static String text(String s) {
        StringBuilder out = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\r', '\n' -> out.append(' ');
                default -> {
                    if ("\\`*_[]|~".indexOf(ch) >= 0) out.append('\\');
                    out.append(ch);
                }
            }
        }
        return out.toString();
    }
}
