package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backtest report of a quality rule charts the label coverage of its window beside the metric, as of
 * each evaluation: read from the report's HTML as a reader would (the coverage chart and its value table).
 */
class BacktestCoverageReportTest {
    @TempDir Path dir;

    @Test
    void aQualityRulesReportChartsTheLabelCoverageOfItsWindowAsOfEachEvaluation() throws Exception {
        String url = BacktestHistory.writeQuality(dir);
        Path report = dir.resolve("report.html");

        CommandRun run = CommandRun.of("backtest", dir.resolve("churn.vigil").toString(), "--config",
                dir.resolve("vigil.yaml").toString(), "--store", url, "--from", "2026-11-26T00:30:00Z",
                "--to", "2026-11-26T04:30:00Z", "--report", report.toString());

        assertThat(run.exit()).isZero();
        String html = Files.readString(report);
        String accuracy = section(html, "rule-churn-low_accuracy");
        // two charts: accuracy by segment, then the coverage of the same window (1d) and grouping
        assertThat(count(accuracy, "<svg class=\"chart\"")).isEqualTo(2);
        assertThat(accuracy).contains("label coverage: label_coverage(window=1d) by (segment)");
        String coverageChart = accuracy.substring(accuracy.indexOf("<figure class=\"coverage\""));
        assertThat(titles(coverageChart.substring(0, coverageChart.indexOf("</svg>"))))
                .containsExactly("{segment=\"EU\"}", "{segment=\"US\"}");
        // Worked out by hand: EU has p1 p2 p3, US p4 p5, all made at 01:00 (inside every 1-day window).
        // Known outcomes: 02:00 p4; 03:00 + p1 (arrived 02:00:01) and p2; 04:00 + p5.
        // EU: 0/3, 0/3, 2/3, 2/3;  US: 0/2, 1/2, 1/2, 2/2.
        assertThat(rows(accuracy)).containsExactly(
                "2026-11-26 01:00|{segment=\"EU\"}|0",
                "2026-11-26 02:00|{segment=\"EU\"}|0",
                "2026-11-26 03:00|{segment=\"EU\"}|0.6667",
                "2026-11-26 04:00|{segment=\"EU\"}|0.6667",
                "2026-11-26 01:00|{segment=\"US\"}|0",
                "2026-11-26 02:00|{segment=\"US\"}|0.5",
                "2026-11-26 03:00|{segment=\"US\"}|0.5",
                "2026-11-26 04:00|{segment=\"US\"}|1");
        // a rule that already charts label_coverage (with a count beside it) gets the coverage of its
        // predictions() window only, ungrouped: 0/5, 1/5, 3/5, 4/5
        String few = section(html, "rule-churn-few");
        assertThat(rows(few)).containsExactly("2026-11-26 01:00|{}|0", "2026-11-26 02:00|{}|0.2",
                "2026-11-26 03:00|{}|0.6", "2026-11-26 04:00|{}|0.8");
        // two windows: a line each, named after its call. The 2-hour window (T-2h, T] holds the 01:00
        // predictions at 01:00 and 02:00 only; from 03:00 it is empty and has no coverage.
        assertThat(rows(section(html, "rule-churn-two_windows"))).containsExactly(
                "2026-11-26 01:00|label_coverage(window=1d) {}|0",
                "2026-11-26 02:00|label_coverage(window=1d) {}|0.2",
                "2026-11-26 03:00|label_coverage(window=1d) {}|0.6",
                "2026-11-26 04:00|label_coverage(window=1d) {}|0.8",
                "2026-11-26 01:00|label_coverage(window=2h) {}|0",
                "2026-11-26 02:00|label_coverage(window=2h) {}|0.2");
    }

    @Test
    void aRuleWithoutQualityFunctionsHasNoCoverageChart() throws Exception {
        String url = BacktestHistory.write(dir);
        Path report = dir.resolve("report.html");

        CommandRun run = CommandRun.of("backtest", dir.resolve("shop.vigil").toString(), "--config",
                dir.resolve("vigil.yaml").toString(), "--store", url, "--from", "2026-01-01T00:30:00Z",
                "--to", "2026-01-01T03:30:00Z", "--report", report.toString());

        assertThat(run.exit()).isZero();
        String html = Files.readString(report);
        assertThat(html).doesNotContain("label coverage");
        assertThat(count(html, "<svg class=\"chart\"")).isEqualTo(count(html, "<section class=\"rule\""));
    }

    private static String section(String html, String id) {
        int start = html.indexOf("<section class=\"rule\" id=\"" + id + "\"");
        assertThat(start).as("section " + id).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }

    private static int count(String s, String part) {
        return s.split(Pattern.quote(part), -1).length - 1;
    }

    private static List<String> titles(String svg) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<path class=\"series\"[^>]*><title>([^<]*)</title>").matcher(svg);
        while (m.find()) out.add(m.group(1).replace("&quot;", "\""));
        return out;
    }

    /** The rows of the coverage value table as time|instance|value. */
    private static List<String> rows(String section) {
        int start = section.indexOf("<table class=\"coverage\">");
        assertThat(start).isNotNegative();
        String table = section.substring(start, section.indexOf("</table>", start));
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<tr><td>([^<]*)</td><td><code>([^<]*)</code></td><td class=\"num\">([^<]*)</td></tr>")
                .matcher(table);
        while (m.find()) out.add(m.group(1) + "|" + m.group(2).replace("&quot;", "\"") + "|" + m.group(3));
        return out;
    }
}
