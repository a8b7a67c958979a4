package io.vigil.cli;

import io.vigil.Slow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil run} in its own JVM, stopped with SIGTERM as a service manager stops it: it stops in
 * order (rules, evaluations, deliveries, API, store) without errors. H2's own shutdown hook used to
 * close the database underneath the dispatcher, which logged "Database is already closed".
 */
@Slow
class RunShutdownTest {

    @TempDir Path dir;

    @Test
    void sigtermStopsCleanly() throws Exception {
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/r.vigil"),
                """
                model m {
                  every 1s
                  notify hook
                  rule low { when accuracy < 0.9 }
                  rule retrain { when absent(accuracy, 1h)  trigger retrain cooldown 1d approval required }
                }
                """);
        Files.writeString(dir.resolve("vigil.yaml"), """
                rules: [rules/]
                store:
                  url: jdbc:h2:file:%s
                server:
                  port: 0
                channels:
                  hook: { type: webhook, url: "http://127.0.0.1:9/unused" }
                actions:
                  retrain: { type: command, argv: [/bin/true] }
                """.formatted(dir.resolve("db/vigil")));
        Path log = dir.resolve("run.log");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--config",
                dir.resolve("vigil.yaml").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!read(log).contains("vigil: running")) {
                assertThat(run.isAlive()).as(() -> "vigil run exited early:\n" + read(log)).isTrue();
                assertThat(Instant.now()).as("vigil run did not start in time").isBefore(deadline);
                Thread.sleep(100);
            }
            Thread.sleep(2_500); // a few evaluations and dispatcher passes
            run.destroy(); // SIGTERM
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
        } finally {
            run.destroyForcibly();
        }
        String out = read(log);
        assertThat(out).contains("vigil: stopping").doesNotContain("ERROR", "already closed", "Exception");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
