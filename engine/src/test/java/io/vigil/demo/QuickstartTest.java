package io.vigil.demo;

import io.vigil.Slow;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.ConfigLoader;
import io.vigil.config.ConfigResult;
import io.vigil.store.StoreSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quickstart end to end on a shortened range (January–July 2013): real snapshots over
 * real HTTP into an engine on H2, and the alerts the real seasonal shift must raise.
 */
@Slow
class QuickstartTest {
    @TempDir Path dir;

    @Test
    void realSeasonalShiftRaisesTheExpectedAlerts() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        ConfigResult config = new ConfigLoader(Map.of()).load(root.resolve("examples/quickstart/vigil.yaml"));
        assertThat(config.ok()).as(config.diagnostics().toString()).isTrue();
        DemoDataset data = DemoDataset.of(WeatherDay.read(root.resolve("examples/quickstart/data/seattle-weather.csv")),
                DateRange.parse("2013-01-01..2013-07-31"), DateRange.parse(DemoDataset.DEFAULT_OUTAGE));
        StringWriter text = new StringWriter();
        Quickstart.Outcome o = new Quickstart(new PrintWriter(text)).run(config.config(),
                root.resolve("examples/quickstart"), StoreSettings.of("jdbc:h2:file:" + dir.resolve("vigil")), data, 0,
                dir.resolve("mail.log"), dir.resolve("report.html"));

        // Dates from examples/quickstart/README.md, worked out from the data in plain Java (ExpectedAlertsTest).
        assertThat(text.toString())
                .contains("2013-01-29  FIRING   rain/season_accuracy_low{season=winter}")
                .contains("2013-07-05  FIRING   rain/rain_recall_low")
                .contains("2013-04-17  FIRING   rain/feed_missing")
                .contains("2013-04-21  RESOLVED rain/feed_missing")
                .contains("2013-06-10  FIRING   rain/retrain_needed");
        assertThat(o.firedByRule()).containsKeys("rain/temperature_regime", "rain/season_accuracy_low",
                "rain/rain_days_caught_drop", "rain/feed_missing", "rain/retrain_needed", "rain/rain_recall_low");
        assertThat(o.resolved()).isPositive();
        // Every link in the emails leads to the API that ran, including messages that went out as the
        // quickstart shut down (they once said http://127.0.0.1:-2/..., the port of a closed server).
        String mail = java.nio.file.Files.readString(dir.resolve("mail.log"));
        java.util.List<String> links = java.util.regex.Pattern.compile("http://[^\\s\"<>]+").matcher(mail).results()
                .map(java.util.regex.MatchResult::group).toList();
        assertThat(links).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith(o.api() + "/api/v1/alerts/"));
        String report = java.nio.file.Files.readString(dir.resolve("report.html"));
        assertThat(report).contains("<svg").contains("season_accuracy_low").doesNotContain("<script src=");
    }
}
