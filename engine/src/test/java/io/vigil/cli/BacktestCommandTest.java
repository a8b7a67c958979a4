package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil backtest} over a history stored in a real H2 file database, with the timeline worked out by
 * hand from the rule's clauses (language.md §4) and checked transition by transition.
 */
class BacktestCommandTest {
    @TempDir Path dir;
    private String url;

    @BeforeEach
    void history() throws Exception {
        url = BacktestHistory.write(dir);
    }

    private CommandRun backtest(String... more) {
        List<String> args = new ArrayList<>(List.of("backtest", dir.resolve("shop.vigil").toString(), "--config",
                dir.resolve("vigil.yaml").toString(), "--store", url, "--from", "2026-01-01T00:30:00Z", "--to",
                "2026-01-01T03:30:00Z"));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    @Test
    void theTimelineIsTheOneWorkedOutByHand() throws Exception {
        CommandRun run = backtest("--format", "json");

        assertThat(run.exit()).isZero();
        List<Map<String, Object>> got = new ObjectMapper().readValue(run.out(), new TypeReference<>() {});
        // EU: holds from 01:00 (pending), fires at 01:10 (for 10m); stops holding at 02:35 and is kept firing
        // until 02:45 (keep_firing_for 10m). Holds again at 03:00, fires at 03:10, stops at 03:15, resolves
        // at 03:25. US: holds at 03:00 and 03:05 only, so it is pending and drops back at 03:10.
        assertThat(got).containsExactly(
                event("01:00", "EU", 0.8, "pending", "inactive"),
                event("01:10", "EU", 0.8, "firing", "pending"),
                event("02:45", "EU", 0.8, "resolved", "firing"),
                event("03:00", "EU", 0.8, "pending", "inactive"),
                event("03:00", "US", 0.7, "pending", "inactive"),
                event("03:10", "EU", 0.8, "firing", "pending"),
                event("03:10", "US", 0.7, "inactive", "pending"),
                event("03:25", "EU", 0.8, "resolved", "firing"));
    }

    @Test
    void valuesCsvHasOneRowPerEvaluationAndElementWithItsState() throws Exception {
        Path csv = dir.resolve("values.csv");
        CommandRun run = backtest("--values", csv.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("time,rule,labels,value,state");
        // 00:30 to 03:30 every 5 minutes is 37 evaluations, each with an EU and a US element.
        assertThat(rows).hasSize(1 + 37 * 2);
        // Per the timeline above: EU 0.8 pending at 01:05, firing at 01:10; kept firing at 02:40 although
        // back at 0.9; US 0.95 inactive at 01:10, 0.7 pending at 03:05.
        assertThat(rows).contains(
                "2026-01-01T01:05:00Z,shop/acc_low,\"{segment=\"\"EU\"\"}\",0.8,pending",
                "2026-01-01T01:10:00Z,shop/acc_low,\"{segment=\"\"EU\"\"}\",0.8,firing",
                "2026-01-01T02:40:00Z,shop/acc_low,\"{segment=\"\"EU\"\"}\",0.9,firing",
                "2026-01-01T01:10:00Z,shop/acc_low,\"{segment=\"\"US\"\"}\",0.95,inactive",
                "2026-01-01T03:05:00Z,shop/acc_low,\"{segment=\"\"US\"\"}\",0.7,pending");
    }

    private static Map<String, Object> event(String hhmm, String segment, double value, String state, String from) {
        return Map.of("at", "2026-01-01T" + hhmm + ":00Z", "model", "shop", "rule", "acc_low",
                "labels", Map.of("segment", segment), "value", value, "state", state, "from", from);
    }

    @Test
    void theSummaryCountsEpisodesNotificationsAndActionsAndNothingIsStored() throws Exception {
        CommandRun run = backtest();

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("backtest of 1 rule from 2026-01-01T00:30:00Z to 2026-01-01T03:30:00Z: "
                + "37 evaluations in ");
        assertThat(run.out()).contains("2026-01-01T01:10:00Z  firing    shop/acc_low{segment=\"EU\"}  value 0.8  (was pending)\n");
        // Firing 01:10-02:45 (1h35m) and 03:10-03:25 (15m). The pager hears of each start, once more an hour
        // after the first (02:10), and of each end; the second start is within a day of the first run, so the
        // retraining action is held back by its cooldown.
        assertThat(run.out()).endsWith("""
                shop/acc_low: fired 2 times, 1h50m firing in total, longest episode 1h35m
                  notifications: pager 2 firing, 1 repeat, 2 resolved
                  actions: retrain 1 run, 1 held back (cooldown)
                """);
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM alert_instances) + (SELECT COUNT(*) FROM alert_transitions)")) {
            rs.next();
            assertThat(rs.getLong(1)).as("a backtest writes no alert state").isZero();
        }
    }

    @Test
    void theReportHasOneChartPerRuleWithThresholdAndShadedPeriods() throws Exception {
        Path report = dir.resolve("out/report.html");

        CommandRun run = backtest("--report", report.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).endsWith("report written to " + report + "\n");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(html.split("<svg class=\"chart\"", -1)).hasSize(2);
        assertThat(html).contains("class=\"threshold\"").contains("threshold 0.85")
                .contains("class=\"band firing\"").contains("class=\"band pending\"")
                .contains("<title>{segment=&quot;EU&quot;}</title>").contains("<title>{segment=&quot;US&quot;}</title>")
                .doesNotContain("<script").doesNotContain("url(").doesNotContain("@import")
                .doesNotContainPattern("(src|href)\\s*=\\s*\"(https?:)?//");
    }

    @Test
    void theChartOfAnOrRuleDrawsEachSideWithItsThreshold() throws Exception {
        Path rules = Files.writeString(dir.resolve("either.vigil"), """
                model shop {
                  every 5m
                  rule either {
                    when accuracy < 0.85 or latency_ms > 300
                    notify pager
                  }
                }
                """);
        Path report = dir.resolve("either.html");

        CommandRun run = CommandRun.of("backtest", rules.toString(), "--config", dir.resolve("vigil.yaml").toString(),
                "--store", url, "--from", "2026-01-01T00:30:00Z", "--to", "2026-01-01T03:30:00Z", "--report",
                report.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        String html = Files.readString(report, StandardCharsets.UTF_8);
        // Both sides' series, named after their side, and one threshold line per side.
        assertThat(html).contains("<title>accuracy &lt; 0.85 {segment=&quot;EU&quot;}</title>")
                .contains("<title>accuracy &lt; 0.85 {segment=&quot;US&quot;}</title>")
                .contains("<title>latency_ms &gt; 300 {}</title>")
                .contains("threshold 0.85</text>").contains("threshold 300</text>")
                .contains("thresholds 0.85, 300");
        assertThat(html.split("class=\"threshold\"", -1)).hasSize(3);
        assertThat(html).contains("accuracy or latency_ms at each evaluation");
    }

    @Test
    void badTimesAndAMissingStoreAreUsageErrors() {
        CommandRun reversed = CommandRun.of("backtest", dir.resolve("shop.vigil").toString(), "--store", url,
                "--from", "2026-01-02", "--to", "2026-01-01");
        assertThat(reversed.err()).contains("vigil backtest: --to (2026-01-01T00:00:00Z) is before --from (2026-01-02T00:00:00Z)");
        assertThat(reversed.exit()).isEqualTo(2);

        CommandRun bad = CommandRun.of("backtest", dir.resolve("shop.vigil").toString(), "--from", "yesterday", "--to", "2026-01-01");
        assertThat(bad.err()).contains("vigil backtest: --from 'yesterday' is not a time; write e.g. 2026-01-01T00:00:00Z or 2026-01-01");
        assertThat(bad.exit()).isEqualTo(2);

        CommandRun none = CommandRun.of("backtest", dir.resolve("shop.vigil").toString(), "--store",
                "jdbc:h2:file:" + dir.resolve("nothing/here"), "--from", "2026-01-01", "--to", "2026-01-02");
        assertThat(none.err()).contains("vigil backtest: no store at " + dir.resolve("nothing/here"));
        assertThat(none.exit()).isEqualTo(2);
    }
}
