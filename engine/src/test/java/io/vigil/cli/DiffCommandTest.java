package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.DiffRoutes;
import io.vigil.config.Config;
import io.vigil.config.ConfigLoader;
import io.vigil.server.ApiServer;
import io.vigil.server.ServerSettings;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil diff} in a real git repository (the git binary, run with argument lists): the rules of
 * {@link BacktestHistory} committed on main, a threshold edit committed on a branch, a rename left in the
 * working tree; the history of {@link BacktestHistory} in H2 for the backtest.
 */
class DiffCommandTest {
    @TempDir Path repo;
    private String url;
    private Path rules;

    @BeforeEach
    void repository() throws Exception {
        url = BacktestHistory.write(repo);
        rules = repo.resolve("shop.vigil");
        Files.writeString(repo.resolve(".gitignore"), "db/\n");
        git("init", "-q", "-b", "main");
        git("add", "shop.vigil", "vigil.yaml", ".gitignore");
        git("commit", "-q", "-m", "acc_low at 0.85");
        git("checkout", "-q", "-b", "lower-threshold");
        Files.writeString(rules, Files.readString(rules).replace("accuracy < 0.85", "accuracy < 0.75"));
        git("commit", "-q", "-am", "acc_low at 0.75");
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git " + String.join(" ", args) + ": " + output).isZero();
    }

    private CommandRun diff(String... more) {
        List<String> args = new ArrayList<>(List.of("diff", "--config", repo.resolve("vigil.yaml").toString()));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    @Test
    void twoCommitsGiveTheChangedComparisonAndItsThresholds() {
        CommandRun run = diff("--base", "main", "--head", "lower-threshold", "--no-backtest", rules.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                rules main -> lower-threshold: 1 changed, 0 added, 0 removed, 0 renamed, 0 unchanged

                ~ shop/acc_low  (changed)
                    condition: accuracy < 0.85 -> accuracy < 0.75  (threshold 0.85 -> 0.75)
                """);
    }

    @Test
    void byDefaultTheWorkingTreeIsComparedWithTheMergeBaseOfTheDefaultBranch() throws Exception {
        Files.writeString(rules, Files.readString(rules).replace("rule acc_low", "rule accuracy_low"));

        CommandRun run = diff("--no-backtest", rules.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        // the merge base is main's commit, so the branch's threshold edit shows; the rename changes the id
        assertThat(run.out()).startsWith("rules main (merge base ");
        assertThat(run.out()).contains("-> working tree: 0 changed, 1 added, 1 removed, 0 renamed");
        assertThat(run.out()).contains("+ shop/accuracy_low  (added)\n    when accuracy < 0.75\n");
        assertThat(run.out()).contains("- shop/acc_low  (removed)\n    when accuracy < 0.85\n");
    }

    @Test
    void aRenameInTheWorkingTreeAloneIsARename() throws Exception {
        git("checkout", "-q", "main");
        Files.writeString(rules, Files.readString(rules).replace("rule acc_low", "rule accuracy_low"));

        CommandRun run = diff("--no-backtest", rules.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("> shop/accuracy_low  (renamed)\n    renamed from shop/acc_low, same body\n");
    }

    @Test
    void theMarkdownCommentNamesTheEpisodesTheEditRemoves() {
        CommandRun run = diff("--base", "main", "--head", "lower-threshold", "--store", url, "--since",
                "2026-01-01T00:30:00Z", "--until", "2026-01-01T03:30:00Z", "--format", "markdown", rules.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        // At 0.85 EU fired 01:10-02:45 and 03:10-03:25 (BacktestCommandTest works these out); at 0.75 nothing
        // holds but US's 0.7 at 03:00 and 03:05, which never lasts the 10m of for.
        assertThat(run.out()).contains("| `shop/acc_low` | threshold 0.85 → 0.75 | 2 → 0 | 1h50m → 0s (-1h50m) | 5 → 0 |");
        assertThat(run.out()).contains(
                "| only before | `{segment=\"EU\"}` | 2026-01-01T01:10:00Z | 2026-01-01T02:45:00Z | 1h35m |",
                "| only before | `{segment=\"EU\"}` | 2026-01-01T03:10:00Z | 2026-01-01T03:25:00Z | 15m |");
        assertThat(run.out()).contains("- **actions** retrain 1 run, 1 held back (cooldown) → none");
    }

    @Test
    void jsonHasTheEpisodesOfEachVersion() throws Exception {
        CommandRun run = diff("--base", "main", "--head", "lower-threshold", "--store", url, "--since",
                "2026-01-01T00:30:00Z", "--until", "2026-01-01T03:30:00Z", "--format", "json", rules.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode rule = new ObjectMapper().readTree(run.out()).get("rules").get(0);
        assertThat(rule.get("id").asText()).isEqualTo("shop/acc_low");
        assertThat(rule.get("fields").get(0).get("parts").get(0).get("threshold_after").asText()).isEqualTo("0.75");
        assertThat(rule.get("backtest").get("episodes_before").asInt()).isEqualTo(2);
        assertThat(rule.get("backtest").get("only_before").get(1).get("start").asText()).isEqualTo("2026-01-01T03:10:00Z");
        assertThat(rule.get("backtest").get("firing_seconds_before").asLong()).isEqualTo(110 * 60);
    }

    @Test
    void theEnginesBacktestGivesWhatTheLocalStoreGives() throws Exception {
        String[] range = {"--base", "main", "--head", "lower-threshold", "--since", "2026-01-01T00:30:00Z",
                "--until", "2026-01-01T03:30:00Z"};
        List<String> local = new ArrayList<>();
        for (String format : List.of("text", "markdown", "json")) {
            CommandRun run = diff(concat(range, "--store", url, "--format", format, rules.toString()));
            assertThat(run.exit()).as(run.err()).isZero();
            local.add(run.out());
        }
        Config cfg = ConfigLoader.fromProcessEnvironment().load(repo.resolve("vigil.yaml")).config();
        // The engine opens the same H2 file the local runs read (one at a time: H2 locks its file).
        try (JdbcMetricStore store = JdbcMetricStore.open(StoreSettings.of(url));
             ApiServer server = ApiServer.start(ServerSettings.defaults().withPort(0), List.of(new DiffRoutes(store, cfg)))) {
            int i = 0;
            for (String format : List.of("text", "markdown", "json")) {
                CommandRun run = diff(concat(range, "--server", server.baseUri().toString(), "--format", format,
                        rules.toString()));
                assertThat(run.exit()).as(run.err()).isZero();
                assertThat(withoutElapsed(run.out())).isEqualTo(withoutElapsed(local.get(i++)));
            }
            // and it is the backtest worked out by hand in theMarkdownCommentNamesTheEpisodesTheEditRemoves
            CommandRun md = diff(concat(range, "--server", server.baseUri().toString(), "--format", "markdown",
                    rules.toString()));
            assertThat(md.out()).contains(
                    "| only before | `{segment=\"EU\"}` | 2026-01-01T01:10:00Z | 2026-01-01T02:45:00Z | 1h35m |");
            assertThat(md.out()).contains("- **actions** retrain 1 run, 1 held back (cooldown) → none");
        }
    }

    @Test
    void theServerAndTheStoreAreNotBothGiven() {
        CommandRun run = diff("--base", "main", "--head", "lower-threshold", "--store", url, "--server",
                "http://127.0.0.1:1/", rules.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--server and --store");
    }

    @Test
    void anEngineThatIsNotThereIsAUsageErrorNamingIt() {
        CommandRun run = diff("--base", "main", "--head", "lower-threshold", "--server", "http://127.0.0.1:1/",
                rules.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("cannot reach the engine at http://127.0.0.1:1/");
    }

    /** The backtest's own duration ("in 0.4 s") differs from run to run; nothing else may. */
    private static String withoutElapsed(String out) {
        return out.replaceAll("evaluations in [0-9.]+ s", "evaluations in ? s");
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    @Test
    void aRevisionThatDoesNotExistIsAUsageError() {
        CommandRun run = diff("--base", "no-such-branch", "--no-backtest", rules.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("vigil diff: no such revision: no-such-branch");
    }

    @Test
    void aRevisionLookingLikeAnOptionNeverReachesGitAsOne() {
        CommandRun run = diff("--base=--output=/tmp/x", "--no-backtest", rules.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("not a revision: --output=/tmp/x");
    }

    @Test
    void twoDirectoriesAreComparedWithoutGit(@TempDir Path other) throws Exception {
        Path old = Files.createDirectories(other.resolve("old"));
        Path neu = Files.createDirectories(other.resolve("new"));
        Files.writeString(old.resolve("shop.vigil"), Files.readString(rules));
        Files.writeString(neu.resolve("shop.vigil"), Files.readString(rules).replace("for 10m", "for 20m"));

        CommandRun run = diff("--no-backtest", old.toString(), neu.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("~ shop/acc_low  (changed)\n    for: 10m -> 20m\n");
    }
}
