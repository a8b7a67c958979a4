package io.vigil.testing;

import io.vigil.check.Durations;
import io.vigil.check.ResolvedRule;
import io.vigil.check.Schedule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The backtest as one self-contained HTML page: an overview table, then per rule its condition, a chart
 * of what it compared over the range (threshold line, pending and firing shaded), its numbers and its
 * timeline. Inline CSS and SVG only: no script, no font, nothing fetched, so it opens offline and
 * can be mailed or attached to a review.
 */
public final class BacktestReport {
    /** Rows of a rule's timeline shown before the rest is summarised, to keep the page light. */
    private static final int MAX_ROWS = 500;
    /** Rows shown before the rest of a timeline folds away under a "more" line. */
    private static final int OPEN_ROWS = 12;
    /** Points kept per chart line: about two per horizontal pixel. */
    private static final int BUCKETS = 900;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private static final String CSS = """
            body{font:14px/1.45 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#222;margin:24px auto;
            max-width:1000px;padding:0 16px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:0 0 6px}
            .meta{color:#555;margin:0 0 16px}
            table{border-collapse:collapse;width:100%;margin:8px 0 12px;font-size:13px}
            th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e5e5e5;vertical-align:top}
            th{background:#f6f6f6;font-weight:600}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            section.rule{border-top:2px solid #ddd;padding-top:14px;margin-top:22px}
            code,pre{font:12.5px/1.4 ui-monospace,Menlo,Consolas,monospace}
            pre.when{background:#f6f6f6;padding:8px 10px;border-radius:4px;white-space:pre-wrap;margin:6px 0}
            .sev{font-size:12px;padding:1px 6px;border-radius:8px;background:#eee;margin-left:6px;vertical-align:middle}
            .sev.critical{background:#fbd5d5}.sev.warning{background:#ffe9b3}
            .key{font-size:12px;color:#555;margin:2px 0 0}
            .swatch{display:inline-block;width:12px;height:10px;margin:0 4px 0 10px;vertical-align:middle}
            .st-firing{color:#b01c1c;font-weight:600}.st-pending{color:#9a6700}.st-resolved{color:#1a7f37}
            .st-inactive{color:#666}.note{color:#666;font-size:12px}
            svg.chart{max-width:100%;height:auto;display:block}
            """;

    private BacktestReport() {}

    public static String render(BacktestResult r) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Vigil backtest ").append(esc(TIME.format(r.from()))).append(" to ")
                .append(esc(TIME.format(r.to()))).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>Backtest of ").append(r.rules().size()).append(r.rules().size() == 1 ? " rule" : " rules")
                .append("</h1>\n<p class=\"meta\">").append(esc(TIME.format(r.from()))).append(" to ")
                .append(esc(TIME.format(r.to()))).append(" UTC &middot; ").append(String.format(Locale.ROOT, "%,d", r.evaluations()))
                .append(" evaluations in ").append(String.format(Locale.ROOT, "%.1f", r.elapsed().toMillis() / 1000.0))
                .append(" s &middot; alert state empty at the start; nothing was sent or run</p>\n");
        overview(h, r);
        for (BacktestResult.RuleHistory rule : r.rules()) rule(h, rule, r.from(), r.to());
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void overview(StringBuilder h, BacktestResult r) {
        h.append("<table class=\"overview\">\n<tr><th>rule</th><th>times fired</th><th>time firing</th>"
                + "<th>longest episode</th><th>notifications</th><th>actions</th></tr>\n");
        for (BacktestResult.RuleHistory rule : r.rules()) {
            RuleSummary s = RuleSummary.of(rule);
            h.append("<tr><td><a href=\"#").append(anchor(rule.rule())).append("\">").append(esc(rule.rule().id()))
                    .append("</a></td><td class=\"num\">").append(s.fired()).append("</td><td class=\"num\">")
                    .append(RuleSummary.duration(s.firing())).append("</td><td class=\"num\">")
                    .append(RuleSummary.duration(s.longest())).append("</td><td>").append(targets(s.notifications()))
                    .append("</td><td>").append(targets(s.actions())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String targets(Map<String, String> m) {
        if (m.isEmpty()) return "&mdash;";
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> out.add("<b>" + esc(k) + "</b>: " + esc(v)));
        return String.join("<br>", out);
    }

    private static void rule(StringBuilder h, BacktestResult.RuleHistory rh, Instant from, Instant to) {
        ResolvedRule rule = rh.rule();
        RuleSummary s = RuleSummary.of(rh);
        h.append("<section class=\"rule\" id=\"").append(anchor(rule)).append("\">\n<h2>").append(esc(rule.id()))
                .append("<span class=\"sev ").append(esc(rule.severity())).append("\">").append(esc(rule.severity()))
                .append("</span></h2>\n<pre class=\"when\">when ").append(esc(rule.when().span().text()));
        if (!rule.forDuration().isZero()) h.append("\nfor ").append(Durations.format(rule.forDuration()));
        if (!rule.keepFiringFor().isZero()) h.append("\nkeep_firing_for ").append(Durations.format(rule.keepFiringFor()));
        h.append("\n").append(esc(schedule(rule.schedule()))).append("</pre>\n<p>Fired <b>").append(s.fired())
                .append("</b> time").append(s.fired() == 1 ? "" : "s").append(", firing <b>")
                .append(RuleSummary.duration(s.firing())).append("</b> in total, longest episode <b>")
                .append(RuleSummary.duration(s.longest())).append("</b>.");
        if (rh.failures() > 0) {
            h.append(" <span class=\"st-firing\">").append(rh.failures()).append(" of ").append(rh.evaluations())
                    .append(" evaluations failed</span> (last: ").append(esc(rh.lastFailure())).append(").");
        }
        h.append("</p>\n<figure style=\"margin:0\">\n").append(chart(rh, from, to)).append("<figcaption class=\"key\">")
                .append(esc(rh.chart().expression())).append(" at each evaluation");
        if (!rh.chart().thresholds().isEmpty()) {
            h.append(" &middot; <span class=\"swatch\" style=\"border-top:2px dashed #d62728;height:0\"></span>threshold")
                    .append(rh.chart().thresholds().size() == 1 ? " " : "s ")
                    .append(esc(String.join(", ", rh.chart().thresholds().stream().map(SvgChart::formatValue).toList())));
        }
        h.append(" &middot; <span class=\"swatch\" style=\"background:#ffbf00;opacity:.35\"></span>pending"
                + "<span class=\"swatch\" style=\"background:#d62728;opacity:.35\"></span>firing</figcaption>\n</figure>\n");
        coverage(h, rh, from, to);
        timeline(h, rh);
        deliveries(h, rh);
        h.append("</section>\n");
    }

    /**
     * Beside a quality rule's chart, the label coverage of the same windows as of each evaluation (labelled
     * predictions / predictions): a metric computed on 5 % of its window can move for that reason alone.
     * The values are also listed, so a reader can look one up.
     */
    private static void coverage(StringBuilder h, BacktestResult.RuleHistory rh, Instant from, Instant to) {
        if (rh.coverage().isEmpty()) return;
        List<SvgChart.Line> lines = new ArrayList<>();
        rh.coverage().forEach((label, points) -> lines.add(new SvgChart.Line(label, thin(points, from, to))));
        h.append("<figure class=\"coverage\" style=\"margin:8px 0 0\">\n")
                .append(SvgChart.render(lines, List.of(), bands(rh), from, to, rh.coverageExpression()))
                .append("<figcaption class=\"key\">label coverage: ").append(esc(rh.coverageExpression()))
                .append(", the share of the window's predictions whose outcome was known at each evaluation</figcaption>\n")
                .append("</figure>\n<details class=\"coverage\"><summary>label coverage at each evaluation</summary>\n")
                .append("<table class=\"coverage\">\n<tr><th>time (UTC)</th><th>instance</th><th>label coverage</th></tr>\n");
        int rows = 0;
        for (var line : rh.coverage().entrySet()) {
            for (SvgChart.Point p : line.getValue()) {
                if (!Double.isFinite(p.value()) || rows++ >= MAX_ROWS) continue;
                h.append("<tr><td>").append(esc(TIME.format(p.t()))).append("</td><td><code>").append(esc(line.getKey()))
                        .append("</code></td><td class=\"num\">").append(esc(SvgChart.formatValue(p.value())))
                        .append("</td></tr>\n");
            }
        }
        h.append("</table>\n");
        if (rows > MAX_ROWS) {
            h.append("<p class=\"note\">").append(rows - MAX_ROWS).append(" more values not shown.</p>\n");
        }
        h.append("</details>\n");
    }

    private static String chart(BacktestResult.RuleHistory rh, Instant from, Instant to) {
        List<SvgChart.Line> lines = new ArrayList<>();
        rh.lines().forEach((label, points) -> lines.add(new SvgChart.Line(label, thin(points, from, to))));
        return SvgChart.render(lines, rh.chart().thresholds(), bands(rh), from, to, rh.chart().expression());
    }

    /** The pending and firing stretches of any of the rule's instances, overlapping ones merged. */
    private static List<SvgChart.Band> bands(BacktestResult.RuleHistory rh) {
        List<SvgChart.Band> bands = new ArrayList<>();
        for (String kind : List.of("pending", "firing")) {
            List<BacktestResult.Period> ps = rh.periods().stream().filter(p -> p.kind().equals(kind))
                    .sorted(Comparator.comparing(BacktestResult.Period::from)).toList();
            Instant start = null;
            Instant end = null;
            for (BacktestResult.Period p : ps) {
                if (start != null && !p.from().isAfter(end)) {
                    if (p.to().isAfter(end)) end = p.to();
                    continue;
                }
                if (start != null) bands.add(new SvgChart.Band(start, end, kind));
                start = p.from();
                end = p.to();
            }
            if (start != null) bands.add(new SvgChart.Band(start, end, kind));
        }
        return bands;
    }

    /** At most the first, lowest, highest and last point of each of {@link #BUCKETS} time buckets: spikes stay visible. */
    static List<SvgChart.Point> thin(List<SvgChart.Point> points, Instant from, Instant to) {
        if (points.size() <= BUCKETS * 2) return points;
        double span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        List<SvgChart.Point> out = new ArrayList<>();
        int i = 0;
        while (i < points.size()) {
            long bucket = (long) ((points.get(i).t().toEpochMilli() - from.toEpochMilli()) / span * BUCKETS);
            int j = i;
            SvgChart.Point lo = points.get(i);
            SvgChart.Point hi = points.get(i);
            SvgChart.Point gap = null;
            while (j < points.size()
                    && (long) ((points.get(j).t().toEpochMilli() - from.toEpochMilli()) / span * BUCKETS) == bucket) {
                SvgChart.Point p = points.get(j);
                if (!Double.isFinite(p.value()) && gap == null) gap = p;
                if (p.value() < lo.value() || !Double.isFinite(lo.value())) lo = p;
                if (p.value() > hi.value() || !Double.isFinite(hi.value())) hi = p;
                j++;
            }
            List<SvgChart.Point> keep = new ArrayList<>(List.of(points.get(i), lo, hi, points.get(j - 1)));
            if (gap != null) keep.add(gap);
            keep.sort(Comparator.comparing(SvgChart.Point::t));
            for (SvgChart.Point p : keep) if (out.isEmpty() || out.get(out.size() - 1) != p) out.add(p);
            i = j;
        }
        return out;
    }

    private static void timeline(StringBuilder h, BacktestResult.RuleHistory rh) {
        if (rh.events().isEmpty()) {
            h.append("<p class=\"note\">No transitions in this range.</p>\n");
            return;
        }
        h.append("<table class=\"timeline\">\n<tr><th>time (UTC)</th><th>instance</th><th>change</th><th>value</th></tr>\n");
        List<BacktestResult.Event> events = rh.events();
        int shown = Math.min(events.size(), MAX_ROWS);
        for (int i = 0; i < shown; i++) {
            if (i == OPEN_ROWS) {
                h.append("</table>\n<details><summary>").append(events.size() - OPEN_ROWS)
                        .append(" more transitions</summary>\n<table class=\"timeline\">\n");
            }
            BacktestResult.Event e = events.get(i);
            h.append("<tr><td>").append(esc(TIME.format(e.at()))).append("</td><td><code>")
                    .append(esc(LabelText.of(e.labels()))).append("</code></td><td>")
                    .append(esc(e.transition().from().status().label())).append(" &rarr; <span class=\"st-")
                    .append(e.state()).append("\">").append(e.state()).append("</span></td><td class=\"num\">")
                    .append(esc(SvgChart.formatValue(e.value()))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (events.size() > MAX_ROWS) {
            h.append("<p class=\"note\">").append(events.size() - MAX_ROWS)
                    .append(" more transitions not shown; vigil backtest --format json lists them all.</p>\n");
        }
        if (shown > OPEN_ROWS) h.append("</details>\n");
    }

    private static void deliveries(StringBuilder h, BacktestResult.RuleHistory rh) {
        if (rh.deliveries().isEmpty()) return;
        h.append("<details><summary>").append(rh.deliveries().size())
                .append(" notifications and actions that would have happened</summary>\n<table>\n"
                        + "<tr><th>time (UTC)</th><th>to</th><th>what</th><th>instance</th><th>note</th></tr>\n");
        for (int i = 0; i < Math.min(rh.deliveries().size(), MAX_ROWS); i++) {
            ReplayOutbox.Delivery d = rh.deliveries().get(i);
            h.append("<tr><td>").append(esc(TIME.format(d.at()))).append("</td><td>").append(esc(d.target()))
                    .append("</td><td>").append(d.type() == ReplayOutbox.Type.NOTIFY ? "notify " : "run ")
                    .append(esc(d.kind())).append("</td><td><code>").append(esc(LabelText.of(d.labels())))
                    .append("</code></td><td>").append(d.skipped() == null ? "" : "held back: " + esc(d.skipped()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n</details>\n");
    }

    private static String schedule(Schedule s) {
        if (s instanceof Schedule.Every e) return "every " + Durations.format(e.interval());
        Schedule.Cron c = (Schedule.Cron) s;
        return "cron \"" + c.expression() + "\" timezone \"" + c.zone().getId() + "\"";
    }

    private static String anchor(ResolvedRule r) {
        return "rule-" + r.model() + "-" + r.name();
    }

    private static String esc(String s) {
        return Html.escape(s);
    }
}
