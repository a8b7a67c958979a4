package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil test} run in-process as a user runs it: test files in, printed results and exit code out. */
class TestCommandTest {
    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    @Test
    void promtoolsOwnAlertingExamplesGiveTheSameTimelines() {
        CommandRun run = CommandRun.of("test", "src/test/resources/ruletests/promtool");

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                ok   src/test/resources/ruletests/promtool/always-firing.test.yaml (2 tests)
                ok   src/test/resources/ruletests/promtool/instance-down.test.yaml (8 tests)
                ok   src/test/resources/ruletests/promtool/keep-firing-for.test.yaml (6 tests)
                ok   src/test/resources/ruletests/promtool/stale-and-missing.test.yaml (5 tests)
                21 passed, 0 failed
                """);
        assertThat(run.exit()).isZero();
    }

    @Test
    void featureListsRegexesAndElementwiseFunctionsGiveTheHandWorkedTimelines() {
        CommandRun run = CommandRun.of("test", "src/test/resources/ruletests/language");

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                ok   src/test/resources/ruletests/language/elementwise.test.yaml (4 tests)
                ok   src/test/resources/ruletests/language/feature-selection.test.yaml (2 tests)
                6 passed, 0 failed
                """);
        assertThat(run.exit()).isZero();
    }

    @Test
    void everyRuleFileOfTheLibraryHasATestBesideItAndItPasses() throws IOException {
        List<Path> ruleFiles;
        try (Stream<Path> walk = Files.walk(Path.of("..", "rules"))) {
            ruleFiles = walk.filter(p -> p.toString().endsWith(".vigil")).sorted().toList();
        }
        assertThat(ruleFiles).hasSizeGreaterThanOrEqualTo(12);
        for (Path f : ruleFiles) {
            String name = f.getFileName().toString().replace(".vigil", ".test.yaml");
            assertThat(f.resolveSibling(name)).as("test beside " + f).exists();
        }

        CommandRun run = CommandRun.of("test", Path.of("..", "rules").toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).doesNotContain("FAIL").endsWith(" passed, 0 failed\n");
        assertThat(run.out().lines().filter(l -> l.startsWith("ok   ")).count()).isEqualTo(ruleFiles.size());
        assertThat(run.exit()).isZero();
    }

    @Test
    void theQuickstartRulesHaveTestsThatPass() {
        CommandRun run = CommandRun.of("test", Path.of("..", "examples", "quickstart", "rules").toString());

        assertThat(run.out()).doesNotContain("FAIL").endsWith(" passed, 0 failed\n");
        assertThat(run.out().lines().filter(l -> l.startsWith("ok   ")).count()).isEqualTo(5);
        assertThat(run.exit()).isZero();
    }

    @Test
    void qualityFunctionsReadTheTestsPredictionsAndOutcomesAsOfEachTime() {
        CommandRun run = CommandRun.of("test", "src/test/resources/ruletests/quality");

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                ok   src/test/resources/ruletests/quality/churn.test.yaml (6 tests)
                6 passed, 0 failed
                """);
        assertThat(run.exit()).isZero();
    }

    @Test
    void predictionsAndOutcomesCanBeCsvAndJsonlFilesInTheIngestFormat() {
        CommandRun run = CommandRun.of("test", "src/test/resources/ruletests/quality-files");

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                ok   src/test/resources/ruletests/quality-files/churn.test.yaml (6 tests)
                6 passed, 0 failed
                """);
        assertThat(run.exit()).isZero();
    }

    @Test
    void aBadRecordInAPredictionsFileIsReportedWithItsFileLineAndFieldPath() throws IOException {
        write("vigil.yaml", "models:\n  churn: { kind: binary, positive_class: churn }\n");
        write("churn.vigil", "model churn {\n  every 1h\n  rule low { when accuracy(window=1d) < 0.6 }\n}\n");
        write("data/preds.csv", """
                timestamp,model,id,score
                2026-01-01T01:00:00Z,churn,p1,0.9
                2026-01-01T01:00:00Z,churn,p2,1.7
                """);
        write("data/outcomes.jsonl", """
                {"timestamp": "2026-01-01T02:00:00Z", "model": "churn", "id": "p1", "actual": "churn"}
                {"timestamp": "2026-01-01T02:00:00Z", "model": "churn", "id": "p2"}
                """);
        Path test = write("churn.test.yaml", """
                rules: [churn.vigil]
                config: vigil.yaml
                predictions: data/preds.csv
                outcomes: data/outcomes.jsonl
                tests:
                  - at: 2h
                    alerts: []
                """);
        Path missing = write("missing.test.yaml", """
                rules: [churn.vigil]
                config: vigil.yaml
                predictions: data/nope.csv
                outcomes: data/outcomes.txt
                tests:
                  - at: 2h
                    alerts: []
                """);

        CommandRun run = CommandRun.of("test", test.toString());
        CommandRun missingRun = CommandRun.of("test", missing.toString());

        String p = test.toString();
        Path data = dir.resolve("data");
        // the first bad record of each file, at the test file's key, naming the data file's line and the field
        assertThat(run.err()).contains(
                p + ":3:14: error: predictions: " + data.resolve("preds.csv") + ":3: score: a probability is from 0 to 1, found 1.7",
                p + ":4:11: error: outcomes: " + data.resolve("outcomes.jsonl") + ":2: actual: ");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(missingRun.err()).contains(
                missing + ":3:14: error: predictions: no such file: data/nope.csv (paths are relative to the test file)",
                missing + ":4:11: error: outcomes: expected a list of records or the path of a .jsonl or .csv file");
        assertThat(missingRun.exit()).isEqualTo(2);
    }

    @Test
    void aBadPredictionOrOutcomeIsReportedAtItsRecordWithTheFieldPath() throws IOException {
        write("vigil.yaml", "models:\n  churn: { kind: binary, positive_class: churn }\n");
        write("churn.vigil", "model churn {\n  every 1h\n  rule low { when accuracy(window=1d) < 0.6 }\n}\n");
        Path test = write("churn.test.yaml", """
                rules: [churn.vigil]
                config: vigil.yaml
                predictions:
                  - { at: 1h, id: p1, score: 0.9 }
                  - { at: 1h, id: p2, value: 3.5 }
                  - { at: 1h, id: p3, score: 1.7 }
                tests:
                  - at: 2h
                    alerts: []
                """);
        Path times = write("times.test.yaml", """
                rules: [churn.vigil]
                config: vigil.yaml
                outcomes:
                  - { at: 2h, id: p1, timestamp: "2026-01-01T00:00:00Z", actual: churn }
                  - { id: p2, actual: stay }
                tests:
                  - at: 2h
                    alerts: []
                """);

        CommandRun run = CommandRun.of("test", test.toString());
        CommandRun timesRun = CommandRun.of("test", times.toString());

        String p = test.toString();
        // the production parser, with the config's kind: a regression field on a binary model is refused
        assertThat(run.err()).contains(
                p + ":5:5: error: predictions[1].value: ",
                p + ":6:5: error: predictions[2].score: a probability is from 0 to 1, found 1.7\n"
                        + "  - { at: 1h, id: p3, score: 1.7 }\n"
                        + "    ^\n");
        assertThat(run.err()).doesNotContain("predictions[0]");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(timesRun.err()).contains(
                times + ":4:23: error: outcomes[0].timestamp: records in a test give their time as at:",
                times + ":5:5: error: outcomes[1]: missing key 'at'");
        assertThat(timesRun.exit()).isEqualTo(2);
    }

    @Test
    void aFailingTestShowsWhatWasExpectedAndWhatHappened() throws IOException {
        write("shop.vigil", """
                model shop {
                  every 5m
                  rule acc_low {
                    when accuracy < 0.85
                    for 30m
                    keep_firing_for 15m
                  }
                }
                """);
        Path test = write("shop.test.yaml", """
                rules: [shop.vigil]
                interval: 5m
                start: 2026-01-01T00:00:00Z
                series:
                  - metric: 'accuracy{model="shop", segment="EU"}'
                    values: "0.9 0.9 0.8x7 0.9x7"
                  - metric: 'accuracy{segment="US"}'
                    values: "0.95x17"
                tests:
                  - at: 40m
                    alerts:
                      - rule: shop/acc_low
                        labels: {segment: EU}
                  - at: 35m
                    alerts:
                      - { rule: shop/acc_low, labels: {segment: EU} }
                  - at: 60m
                    alerts:
                      - { rule: shop/acc_low, labels: {segment: EU}, value: 0.9 }
                      - { rule: shop/acc_low, labels: {segment: US} }
                  - at: 65m
                    alerts: []
                """);

        CommandRun run = CommandRun.of("test", test.toString());

        assertThat(run.out()).isEqualTo("FAIL " + test + ":14: at 35m (2026-01-01T00:35:00Z)\n"
                + "    firing alerts differ:\n"
                + "      missing:    shop/acc_low{segment=\"EU\"} (it is pending since 10m, value 0.8)\n"
                + "      expected:   shop/acc_low{segment=\"EU\"}\n"
                + "      got:        (none)\n"
                + "FAIL " + test + ":17: at 1h (2026-01-01T01:00:00Z)\n"
                + "    firing alerts differ:\n"
                + "      value:      shop/acc_low{segment=\"EU\"}: expected 0.9 ± 0.000000001, got 0.8\n"
                + "      missing:    shop/acc_low{segment=\"US\"} (it is not active)\n"
                + "      expected:   shop/acc_low{segment=\"EU\"}, shop/acc_low{segment=\"US\"}\n"
                + "      got:        shop/acc_low{segment=\"EU\"} = 0.8\n"
                + "2 passed, 2 failed\n");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void notificationsRepeatResolveAndWaitOutSilencesActionsRespectCooldown() throws IOException {
        write("vigil.yaml", """
                channels:
                  pager: { type: webhook, url: "http://127.0.0.1:9/hook" }
                  audit: { type: webhook, url: "http://127.0.0.1:9/audit" }
                actions:
                  retrain: { type: command, argv: [/bin/true] }
                silences:
                  nightly:
                    cron: "0 0 2 * * ?"
                    duration: 1h
                    matchers: ['model=shop']
                """);
        write("shop.vigil", """
                model shop {
                  every 10m
                  rule acc_low {
                    when accuracy < 0.85
                    notify pager repeat 30m
                    notify audit
                    trigger retrain cooldown 2h
                  }
                }
                """);
        // Low 0m-50m, 70m, and 2h10m-3h20m; the maintenance window is open 2h-3h. A firing message goes
        // out after the channel's group_wait (30s by default), a resolved one at once.
        Path test = write("shop.test.yaml", """
                rules: [shop.vigil]
                config: vigil.yaml
                interval: 10m
                start: 2026-01-01T00:00:00Z
                series:
                  - metric: accuracy
                    values: "0.8x5 0.9 0.8 0.9x4 0.8x7 0.9"
                tests:
                  - at: 30s
                    alerts: [{ rule: acc_low }]
                    notifications:
                      - { channel: pager, rule: acc_low, kind: firing, at: 30s }
                      - { channel: audit, rule: acc_low, kind: firing, at: 30s }
                    actions:
                      - { action: retrain, rule: acc_low, kind: run, at: 0m }
                  - at: 50m
                    alerts: [{ rule: acc_low }]
                    notifications:
                      - { channel: pager, rule: acc_low, kind: repeat, at: 30m }
                    actions: []
                  - at: 80m
                    notifications:
                      - { channel: pager, rule: acc_low, kind: resolved, at: 60m }
                      - { channel: audit, rule: acc_low, kind: resolved, at: 60m }
                      - { channel: pager, rule: acc_low, kind: firing, at: 70m30s }
                      - { channel: audit, rule: acc_low, kind: firing, at: 70m30s }
                      - { channel: pager, rule: acc_low, kind: resolved, at: 80m }
                      - { channel: audit, rule: acc_low, kind: resolved, at: 80m }
                    actions: []
                  - at: 2h50m
                    alerts: [{ rule: acc_low }]
                    notifications: []
                    actions: []
                  - at: 3h1m
                    alerts: [{ rule: acc_low }]
                    notifications:
                      - { channel: pager, rule: acc_low, kind: firing, at: 3h30s }
                      - { channel: audit, rule: acc_low, kind: firing, at: 3h30s }
                  - at: 3h30m
                    alerts: []
                    notifications:
                      - { channel: pager, rule: acc_low, kind: resolved, at: 3h30m }
                      - { channel: audit, rule: acc_low, kind: resolved, at: 3h30m }
                """);

        CommandRun run = CommandRun.of("test", test.toString());

        assertThat(run.out()).isEqualTo("ok   " + test + " (6 tests)\n6 passed, 0 failed\n");
        assertThat(run.exit()).isZero();
    }

    @Test
    void unexpectedAndMissingNotificationsAreListed() throws IOException {
        write("vigil.yaml", "channels:\n  pager: { type: webhook, url: \"http://127.0.0.1:9/hook\" }\n");
        write("shop.vigil", "model shop {\n  every 10m\n  rule acc_low {\n    when accuracy < 0.85\n    notify pager\n  }\n}\n");
        Path test = write("shop.test.yaml", """
                rules: [shop.vigil]
                config: vigil.yaml
                interval: 10m
                series:
                  - { metric: accuracy, values: "0.8 0.9" }
                tests:
                  - at: 10m
                    notifications:
                      - { channel: pager, rule: acc_low, kind: repeat }
                """);

        CommandRun run = CommandRun.of("test", test.toString());

        assertThat(run.out()).isEqualTo("FAIL " + test + ":7: at 10m (1970-01-01T00:10:00Z)\n"
                + "    notifications differ (sent after the previous test time, up to this one):\n"
                + "      missing:    pager repeat shop/acc_low{}\n"
                + "      unexpected: pager firing shop/acc_low{} at 30s\n"
                + "      unexpected: pager resolved shop/acc_low{} at 10m\n"
                + "      got:        pager firing shop/acc_low{} at 30s, pager resolved shop/acc_low{} at 10m\n"
                + "0 passed, 1 failed\n");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void aMalformedTestFileIsReportedWithLineAndColumnAndExitsTwo() throws IOException {
        write("shop.vigil", "model shop {\n  every 5m\n  rule acc_low { when accuracy < 0.85 }\n}\n");
        Path test = write("bad.test.yaml", """
                rules: [shop.vigil]
                interval: 5 minutes
                series:
                  - metric: 'accuracy{segment=~"EU"}'
                    values: "0.9 0.8x3 x"
                tests:
                  - at: 10m
                    alert: []
                  - at: 20m
                    alerts:
                      - { rule: acc_low, state: pending }
                """);

        CommandRun run = CommandRun.of("test", test.toString());

        String p = test.toString();
        assertThat(run.err()).isEqualTo(p + ":2:11: error: interval: '5 minutes' is not a duration; write e.g. 30s, 5m, 1h30m or 2d\n"
                + "interval: 5 minutes\n"
                + "          ^\n"
                + p + ":4:23: error: series[0].metric: an input series names exact label values; use = instead of =~\n"
                + "  - metric: 'accuracy{segment=~\"EU\"}'\n"
                + "                      ^\n"
                + p + ":5:24: error: series[0].values: cannot read 'x': expected a number, a+bxN, a-bxN, axN, _, _xN or stale\n"
                + "    values: \"0.9 0.8x3 x\"\n"
                + "                       ^\n"
                + p + ":8:5: error: tests[0].alert: unknown key (did you mean 'alerts'?)\n"
                + "    alert: []\n"
                + "    ^\n"
                + p + ":11:33: error: tests[1].alerts[0].state: 'pending' cannot appear here: alerts: lists firing "
                + "instances (pending ones go under pending:)\n"
                + "      - { rule: acc_low, state: pending }\n"
                + "                                ^\n");
        assertThat(run.out()).isEqualTo("0 passed, 0 failed\n");
        assertThat(run.exit()).isEqualTo(2);
    }

    @Test
    void yamlProblemsNameTheTestFileWithLineAndColumn() throws IOException {
        write("shop.vigil", "model shop {\n  every 5m\n  rule acc_low {\n    when accuracy < 0.85\n  }\n}\n");
        Path test = write("shop.test.yaml", """
                rules: [shop.vigil]
                series:
                  - &low { metric: accuracy, values: "0.8" }
                  - *low
                tests:
                  - at: 5m
                """);

        CommandRun run = CommandRun.of("test", test.toString());

        String p = test.toString();
        assertThat(run.err()).isEqualTo(p + ":4:5: error: YAML aliases (*name) are not supported in shop.test.yaml; "
                + "repeat the value\n"
                + "  - *low\n"
                + "    ^\n");
        assertThat(run.exit()).isEqualTo(2);

        write("shop.test.yaml", "rules: [shop.vigil]\ntests:\n  - at: 5m\n    at: 10m\n");
        run = CommandRun.of("test", test.toString());

        assertThat(run.err()).isEqualTo(p + ":4:5: error: tests[0].at: duplicate key (first at line 3)\n"
                + "    at: 10m\n"
                + "    ^\n");
        assertThat(run.exit()).isEqualTo(2);
    }

    @Test
    void namesThatDoNotMatchTheRulesAreErrorsOfTheTestFile() throws IOException {
        write("two.vigil", """
                model shop { every 5m  rule acc_low { when accuracy < 0.85 } }
                model ads { every 5m  rule ctr_low { when ctr < 0.01 } }
                """);
        Path test = write("two.test.yaml", """
                rules: [two.vigil]
                series:
                  - { metric: accuracy, values: "0.8" }
                tests:
                  - at: 0m
                    alerts:
                      - { rule: shop/acc_lo }
                """);

        CommandRun run = CommandRun.of("test", test.toString());

        String p = test.toString();
        assertThat(run.err()).isEqualTo(p + ":3:5: error: this series names no model and the rules load 2 (ads, shop); "
                + "add a model=\"...\" label\n"
                + "  - { metric: accuracy, values: \"0.8\" }\n"
                + "    ^\n"
                + p + ":7:9: error: no rule 'shop/acc_lo' in the loaded rules (did you mean 'shop/acc_low'?)\n"
                + "      - { rule: shop/acc_lo }\n"
                + "        ^\n");
        assertThat(run.exit()).isEqualTo(2);
    }

    @Test
    void rulesWithErrorsFailEveryTestOfTheFile() throws IOException {
        write("broken.vigil", "model shop {\n  every 5m\n  rule acc_low { when accuracy < }\n}\n");
        Path test = write("broken.test.yaml", "rules: [broken.vigil]\ntests:\n  - at: 0m\n  - at: 5m\n");

        CommandRun run = CommandRun.of("test", test.toString());

        assertThat(run.out()).startsWith("FAIL " + test + ": its 2 tests cannot run:\n    " + dir.resolve("broken.vigil")
                + ":3:34: error: unexpected '}'").endsWith("0 passed, 2 failed\n");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void jsonListsEveryTestWithItsProblems() throws IOException {
        write("shop.vigil", "model shop {\n  every 5m\n  rule acc_low { when accuracy < 0.85 }\n}\n");
        Path test = write("shop.test.yaml", """
                rules: [shop.vigil]
                series:
                  - { metric: accuracy, values: "0.8" }
                tests:
                  - at: 0m
                    alerts: [{ rule: acc_low }]
                  - at: 0m
                    alerts: []
                """);

        CommandRun run = CommandRun.of("test", test.toString(), "--format", "json");

        assertThat(run.out().replaceAll("\\s+", " ")).isEqualTo("[ { \"file\" : \"" + test + "\", \"line\" : 5, "
                + "\"at\" : \"0s\", \"passed\" : true, \"problems\" : [ ] }, { \"file\" : \"" + test + "\", \"line\" : 7, "
                + "\"at\" : \"0s\", \"passed\" : false, \"problems\" : [ \"firing alerts differ:\", "
                + "\" unexpected: shop/acc_low{} firing since 0s, value 0.8\", \" expected: (none)\", "
                + "\" got: shop/acc_low{} = 0.8\" ] } ] ");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void aMissingPathIsAUsageError() {
        CommandRun run = CommandRun.of("test", dir.resolve("nope.test.yaml").toString());

        assertThat(run.err()).isEqualTo("vigil test: " + dir.resolve("nope.test.yaml") + ": no such file or directory\n");
        assertThat(run.exit()).isEqualTo(2);
    }
}
