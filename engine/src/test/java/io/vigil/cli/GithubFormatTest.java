package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format github} of check and test: GitHub Actions workflow commands, which the runner reads
 * from the log and shows on the pull request's lines. Expected lines follow GitHub's documented syntax
 * ({@code ::error file=...,line=...,col=...::message}) and escaping (%25 %0D %0A, and %3A %2C in properties).
 */
class GithubFormatTest {
    @TempDir Path dir;

    @Test
    void checkAnnotatesEachProblemAtItsLineAndColumn() throws Exception {
        Path file = dir.resolve("shop.vigil");
        Files.writeString(file, """
                model shop {
                  every 5m
                  rule acc_low {
                    when accuracy < 0.85
                    for 10 m
                  }
                }
                """);

        CommandRun run = CommandRun.of("check", "--format", "github", file.toString());

        assertThat(run.exit()).isEqualTo(1);
        String first = run.out().lines().findFirst().orElseThrow();
        assertThat(first).startsWith("::error file=" + file.toString().replace(":", "%3A").replace(",", "%2C")
                + ",line=5,col=");
        assertThat(first).contains(",title=vigil check::");
        assertThat(run.out()).endsWith("1 file: 1 error, 0 warnings\n");
    }

    @Test
    void aFileNameWithCommasAndColonsCannotAddProperties() throws Exception {
        Path file = dir.resolve("a,line=1:x.vigil");
        Files.writeString(file, "model shop { every 5m rule r { when accuracy < } }\n");

        CommandRun run = CommandRun.of("check", "--format", "github", file.toString());

        String first = run.out().lines().findFirst().orElseThrow();
        assertThat(first).contains("a%2Cline=1%3Ax.vigil,line=1,col=");
    }

    @Test
    void messagesEscapePercentAndLineBreaks() {
        assertThat(WorkflowCommands.command("error", "r.vigil", 3, 5, 3, 9, "vigil check", "100% wrong\r\nsee: a, b"))
                .isEqualTo("::error file=r.vigil,line=3,col=5,endLine=3,endColumn=9,title=vigil check::100%25 wrong%0D%0Asee: a, b");
        assertThat(WorkflowCommands.property("50%,x:y\n")).isEqualTo("50%25%2Cx%3Ay%0A");
    }

    @Test
    void testAnnotatesEachFailingTestOnItsLine() throws Exception {
        Files.writeString(dir.resolve("shop.vigil"), """
                model shop {
                  every 5m
                  rule acc_low {
                    when accuracy < 0.85
                    for 10m
                  }
                }
                """);
        Path test = dir.resolve("shop.test.yaml");
        Files.writeString(test, """
                rules: [shop.vigil]
                interval: 5m
                start: 2026-01-01T00:00:00Z
                series:
                  - metric: 'accuracy{model="shop", segment="EU"}'
                    values: "0.9 0.8x10"
                tests:
                  - at: 5m
                    alerts: []
                  - at: 20m
                    alerts: []
                """);

        CommandRun run = CommandRun.of("test", "--format", "github", test.toString());

        assertThat(run.exit()).isEqualTo(1);
        // pending from 5m, firing from 15m: the second expectation (line 10) fails, the first passes
        assertThat(run.out()).containsOnlyOnce("::error ");
        String annotation = run.out().lines().filter(l -> l.startsWith("::error ")).findFirst().orElseThrow();
        assertThat(annotation).startsWith("::error file=" + test.toString().replace(":", "%3A").replace(",", "%2C")
                + ",line=10,");
        assertThat(annotation).contains(",title=vigil test::at 20m (2026-01-01T00:20:00Z): ");
        assertThat(annotation).contains("acc_low");
        assertThat(run.out()).endsWith("1 passed, 1 failed\n");
    }
}
