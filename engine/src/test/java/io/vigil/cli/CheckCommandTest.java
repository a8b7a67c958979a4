package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil check} run in-process as a user would run it: arguments in, printed text and exit code out. */
class CheckCommandTest {
    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int vigil(String... args) {
        CommandLine cl = VigilCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Path silentRules(int n) throws IOException {
        StringBuilder text = new StringBuilder("model shop {\n  every 5m\n");
        for (int i = 0; i < n; i++) text.append("  rule r").append(i).append(" { when accuracy < 0.8 }\n");
        return write("silent.vigil", text.append("}\n").toString());
    }

    @Test
    void manyRulesThatCanNeverNotifyGiveOneWarningWithACountUnlessVerbose() throws IOException {
        Path file = silentRules(1000);

        assertThat(vigil("check", file.toString())).isZero();
        String p = file.toString();
        assertThat(out.toString()).isEqualTo(p + ":3:3: warning: rule 'r0' and 999 other rules can never notify or "
                + "trigger: neither they nor their model blocks have 'notify' or 'trigger' (their alerts are still "
                + "recorded); --verbose lists each\n"
                + "  rule r0 { when accuracy < 0.8 }\n"
                + "  ^\n"
                + "1 file: 0 errors, 1000 warnings\n");

        out.getBuffer().setLength(0);
        assertThat(vigil("check", "--verbose", file.toString())).isZero();
        assertThat(out.toString().lines().filter(l -> l.contains("warning: rule 'r")).count()).isEqualTo(1000);
        assertThat(out.toString()).contains(p + ":1002:3: warning: rule 'r999' can never notify or trigger");
    }

    @Test
    void aFewRulesThatCanNeverNotifyAreNamedInOneWarning() throws IOException {
        Path file = silentRules(3);

        assertThat(vigil("check", file.toString())).isZero();
        assertThat(out.toString()).startsWith(file + ":3:3: warning: rules 'r0', 'r1', 'r2' can never notify or "
                + "trigger: neither they nor their model blocks have 'notify' or 'trigger' (their alerts are still "
                + "recorded)\n").endsWith("1 file: 0 errors, 3 warnings\n");
    }

    @Test
    void withoutPathsTheConfigsRulesAreChecked() throws IOException {
        Files.createDirectories(dir.resolve("rules"));
        write("rules/shop.vigil", "model shop {\n  every 5m\n  rule a { when accuracy < 0.8 notify pager }\n}\n");
        Path config = write("vigil.yaml", "rules: [rules/]\nchannels:\n  oncall: { type: email, to: [a@example.com] }\n");

        int exit = vigil("check", "--config", config.toString());

        // The config's rules were read and checked against its channels: 'pager' is not one of them.
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("shop.vigil:3:").contains("pager").endsWith("1 file: 1 error, 0 warnings\n");

        write("rules/shop.vigil", "model shop {\n  every 5m\n  rule a { when accuracy < 0.8 notify oncall }\n}\n");
        out.getBuffer().setLength(0);
        assertThat(vigil("check", "--config", config.toString())).isZero();
        assertThat(out.toString()).isEqualTo("1 file: 0 errors, 0 warnings\n");
    }

    @Test
    void withoutPathsOrAConfigNamingRulesNothingCanBeChecked() throws IOException {
        Path config = write("vigil.yaml", "channels:\n  oncall: { type: email, to: [a@example.com] }\n");

        assertThat(vigil("check", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no rule files: name them on the command line or in the config's rules:");
    }

    @Test
    void fiveDifferentMistakesPrintFiveLocatedDiagnosticsAndExitOne() throws IOException {
        Path file = write("five.vigil", """
                model shop {
                  every 5m
                  notify ml_oncall
                  rule a { when avgg(latency, 5m) > 1 }
                  rule b { when accuracy > 5m }
                  rule c { when x{host=~"[z-a]"} > 1 severity fatal }
                  rule d { cron "0 0 2 * * ?" timezone "Mars/Base" when psi(feature="x", baseline="t") > 0.2 }
                }
                """);

        int exit = vigil("check", file.toString());

        assertThat(exit).isEqualTo(1);
        String p = file.toString();
        assertThat(out.toString()).isEqualTo(
                p + ":4:17: error: unknown function 'avgg' (did you mean 'avg'?)\n"
                + "  rule a { when avgg(latency, 5m) > 1 }\n"
                + "                ^\n"
                + p + ":5:28: error: '>' needs numbers or series sets, got a duration\n"
                + "  rule b { when accuracy > 5m }\n"
                + "                           ^\n"
                + p + ":6:29: error: invalid regular expression: Illegal character range\n"
                + "  rule c { when x{host=~\"[z-a]\"} > 1 severity fatal }\n"
                + "                            ^\n"
                + p + ":6:47: error: unknown severity 'fatal'; use info, warning or critical\n"
                + "  rule c { when x{host=~\"[z-a]\"} > 1 severity fatal }\n"
                + "                                              ^\n"
                + p + ":7:40: error: unknown time zone 'Mars/Base' (use an IANA name such as Europe/Paris or UTC)\n"
                + "  rule d { cron \"0 0 2 * * ?\" timezone \"Mars/Base\" when psi(feature=\"x\", baseline=\"t\") > 0.2 }\n"
                + "                                       ^\n"
                + "1 file: 5 errors, 0 warnings\n");
        assertThat(err.toString()).contains("no config");
    }

    @Test
    void missingFileExitsTwoAndNamesIt() {
        int exit = vigil("check", dir.resolve("nope.vigil").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("nope.vigil: no such file or directory");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownFlagExitsTwo() throws IOException {
        int exit = vigil("check", "--frobnicate", write("a.vigil", "").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--frobnicate");
    }

    @Test
    void helpDescribesCheck() {
        int exit = vigil("check", "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: vigil check").contains("--config").contains("PATH");
    }

    @Test
    void theSpecExamplesCheckClean() {
        int exit = vigil("check", Path.of("..", "examples", "spec").toString());

        assertThat(out.toString()).endsWith("2 files: 0 errors, 0 warnings\n");
        assertThat(exit).isZero();
    }

    @Test
    void warningsAloneExitZero() throws IOException {
        Path file = write("w.vigil", "model m { every 5m rule r { when x > 1 } }\n");

        int exit = vigil("check", file.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains(":1:20: warning: rule 'r' can never notify").endsWith("1 file: 0 errors, 1 warning\n");
    }

    @Test
    void jsonFormatGivesEachDiagnosticWithItsPosition() throws Exception {
        Path file = write("j.vigil", "model m {\n  every 5m\n  rule r { when x > 1 }\n  rule bad { when accuracy < \"x\" }\n}\n");

        int exit = vigil("check", "--format", "json", file.toString());

        assertThat(exit).isEqualTo(1);
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertThat(doc.get("files").asInt()).isEqualTo(1);
        assertThat(doc.get("errors").asInt()).isEqualTo(1);
        assertThat(doc.get("warnings").asInt()).isGreaterThanOrEqualTo(1);
        var error = java.util.stream.StreamSupport.stream(doc.get("diagnostics").spliterator(), false)
                .filter(d -> d.get("severity").asText().equals("error")).findFirst().orElseThrow();
        assertThat(error.get("path").asText()).isEqualTo(file.toString());
        assertThat(error.get("line").asInt()).isEqualTo(4);
        // the string operand "x" takes columns 30-32 of line 4; the end is exclusive
        assertThat(error.get("column").asInt()).isEqualTo(30);
        assertThat(error.get("end_line").asInt()).isEqualTo(4);
        assertThat(error.get("end_column").asInt()).isEqualTo(33);
        assertThat(error.get("message").asText()).isNotBlank();
    }

    @Test
    void caretLinesUpUnderTabsAndCrlf() throws IOException {
        Path file = write("t.vigil", "model m {\r\n\tevery 5m\r\n\tnotify a\r\n\trule r {\r\n\t\twhen\tx >\t5m\r\n\t}\r\n}\r\n");

        int exit = vigil("check", file.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).startsWith(file + ":5:12: error: '>' needs numbers or series sets, got a duration\n"
                + "\t\twhen\tx >\t5m\n"
                + "\t\t    \t   \t^\n");
    }

    @Test
    void configChannelsAreChecked() throws IOException {
        Path config = write("vigil.yaml", """
                channels:
                  ml_oncall: { type: email, to: [a@example.com] }
                actions: {}
                """);
        Path rules = write("r.vigil", "model m { every 5m notify ml_oncal rule r { when x > 1 } }\n");

        int exit = vigil("check", "--config", config.toString(), rules.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains(":1:27: error: unknown channel 'ml_oncal' (did you mean 'ml_oncall'?) "
                + "(defined: ml_oncall)");
        assertThat(err.toString()).doesNotContain("no config");
    }

    @Test
    void allFilesOfADirectoryAreCheckedInOneRunInSortedOrder() throws IOException {
        Files.createDirectories(dir.resolve("rules/sub"));
        write("rules/b.vigil", "model m { every 5m notify a rule r { when x > 5m } }\n");
        write("rules/sub/a.vigil", "model m { every 5m notify a rule s { when avgg(x, 1m) > 1 } }\n");
        write("rules/ignored.txt", "not a rule file");

        int exit = vigil("check", dir.resolve("rules").toString());

        assertThat(exit).isEqualTo(1);
        String printed = out.toString();
        assertThat(printed).contains("b.vigil:1:47: error:").contains("a.vigil:1:43: error: unknown function 'avgg'")
                .endsWith("2 files: 2 errors, 0 warnings\n");
        assertThat(printed.indexOf("b.vigil:")).isLessThan(printed.indexOf("a.vigil:"));
    }
}
