package io.vigil.cli;

import io.vigil.Slow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backtest report as a person sees it: opened in headless Chromium (Debian's {@code chromium}; .ci/run
 * installs it), which must render one SVG chart per rule and log no console error. Without Chromium the
 * test is skipped, unless VIGIL_REQUIRE_CHROMIUM is set (as .ci/run does), when it fails.
 */
@Slow
class BacktestReportBrowserTest {
    @TempDir Path dir;
    private String url;

    @BeforeEach
    void setUp() throws IOException {
        String chromium = chromium();
        if (chromium == null && System.getenv("VIGIL_REQUIRE_CHROMIUM") != null) fail("chromium is not installed");
        Assumptions.assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium)");
        url = BacktestHistory.write(dir);
        Files.writeString(dir.resolve("latency.vigil"), """
                model shop {
                  every 5m
                  rule latency_high {
                    when avg(latency_ms, 15m) > 250
                    severity critical
                  }
                }
                """);
    }

    @Test
    void theReportRendersOneChartPerRuleWithoutConsoleErrors() throws Exception {
        Path report = dir.resolve("report.html");
        CommandRun run = CommandRun.of("backtest", dir.resolve("shop.vigil").toString(), dir.resolve("latency.vigil").toString(),
                "--config", dir.resolve("vigil.yaml").toString(), "--store", url, "--from", "2026-01-01T00:30:00Z",
                "--to", "2026-01-01T03:30:00Z", "--report", report.toString());
        assertThat(run.exit()).isZero();

        Browser dom = browse(report, "--dump-dom");
        assertThat(dom.exit()).isZero();
        assertThat(count(dom.out(), "<svg class=\"chart\"")).isEqualTo(2);
        assertThat(count(dom.out(), "<section class=\"rule\"")).isEqualTo(2);
        assertThat(consoleErrors(dom.err())).isEmpty();

        Path png = Path.of("target", "backtest-report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Browser shot = browse(report, "--screenshot=" + png, "--window-size=1100,1600", "--hide-scrollbars");
        assertThat(shot.exit()).isZero();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(20_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void aQualityRulesReportRendersItsLabelCoverageChartBesideTheMetric() throws Exception {
        Path quality = Files.createDirectories(dir.resolve("quality"));
        String store = BacktestHistory.writeQuality(quality);
        Path report = quality.resolve("report.html");
        CommandRun run = CommandRun.of("backtest", quality.resolve("churn.vigil").toString(), "--config",
                quality.resolve("vigil.yaml").toString(), "--store", store, "--from", "2026-11-26T00:30:00Z",
                "--to", "2026-11-26T04:30:00Z", "--report", report.toString());
        assertThat(run.exit()).isZero();

        Browser dom = browse(report, "--dump-dom");
        assertThat(dom.exit()).isZero();
        // three quality rules, each with its metric chart and its coverage chart
        assertThat(count(dom.out(), "<section class=\"rule\"")).isEqualTo(3);
        assertThat(count(dom.out(), "<svg class=\"chart\"")).isEqualTo(6);
        assertThat(count(dom.out(), "<figure class=\"coverage\"")).isEqualTo(3);
        assertThat(consoleErrors(dom.err())).isEmpty();
    }

    @Test
    void aPageWithAScriptErrorIsCaught() throws Exception {
        // The check above must be able to fail: a page that throws is reported.
        Path page = Files.writeString(dir.resolve("broken.html"), "<html><body><script>undefinedFn();</script></body></html>");
        Browser b = browse(page, "--dump-dom");
        assertThat(consoleErrors(b.err())).isNotEmpty();
    }

    private record Browser(int exit, String out, String err) {}

    private Browser browse(Path file, String... mode) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"), "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(mode));
        cmd.add(file.toUri().toString());
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 120 s");
        }
        return new Browser(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Console messages at error level and uncaught exceptions, as Chromium logs them with --enable-logging. */
    private static List<String> consoleErrors(String log) {
        return log.lines().filter(l -> l.contains("Uncaught") || (l.contains("CONSOLE") && l.contains("ERROR"))).toList();
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }

    private static String chromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) if (Files.isExecutable(Path.of(c))) return c;
        return null;
    }
}
