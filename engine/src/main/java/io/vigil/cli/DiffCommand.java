package io.vigil.cli;

import io.vigil.ast.DiagnosticPrinter;
import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.check.References;
import io.vigil.check.RuleSources;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.FixedRules;
import io.vigil.compile.RuleCompiler;
import io.vigil.config.Config;
import io.vigil.config.ConfigLoader;
import io.vigil.config.ConfigResult;
import io.vigil.config.DurationText;
import io.vigil.diff.BacktestDelta;
import io.vigil.diff.DeltaJson;
import io.vigil.diff.DiffJson;
import io.vigil.diff.DiffMarkdown;
import io.vigil.diff.DiffReport;
import io.vigil.diff.DiffText;
import io.vigil.diff.GitRepository;
import io.vigil.diff.RuleChange;
import io.vigil.diff.SemanticDiff;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreException;
import io.vigil.store.StoreSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vigil diff}: what a change to the rules means, rule by rule, and what it would have done on stored history. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two versions of the rules by meaning, not text: rules added, removed, renamed (same "
                + "body) and, per changed rule, each changed field (condition with the changed comparison and "
                + "thresholds, for, keep_firing_for, schedule, severity, labels, notify, trigger, cooldown, approval). "
                + "Formatting and comments are no change.",
                "With stored history (--store, --server or the config's store) both versions of every changed rule are "
                        + "backtested over the same range: episodes only one version has, firing time, notifications "
                        + "and actions.",
                "Versions: in a git repository, --base (default: the merge base of HEAD with the default branch) "
                        + "against --head (default: the working tree); or two directories: vigil diff OLD_DIR NEW_DIR.",
                "Exit 0 when compared (changed or not), 1 when a version has rule errors, 2 on bad usage, a bad "
                        + "revision or an unreadable store."})
public final class DiffCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Rule files or directories to compare (default: the config's rules, else the current "
                    + "directory); or exactly OLD_DIR NEW_DIR.")
    List<Path> paths;

    @Option(names = "--base", paramLabel = "REV", description = "The old version: a git revision (default: merge base with the default branch).")
    String base;

    @Option(names = "--head", paramLabel = "REV", description = "The new version: a git revision (default: the working tree).")
    String head;

    @Option(names = "--store", paramLabel = "JDBC_URL",
            description = "History to backtest on, instead of the config's store (credentials: VIGIL_DB_USER, VIGIL_DB_PASSWORD).")
    String store;

    @Option(names = "--server", paramLabel = "URL",
            description = "Backtest on a running engine's store instead (POST /api/v1/diff/backtest); the semantic diff "
                    + "is still computed here. Bearer token from " + StoreOptions.TOKEN_ENV + ".")
    java.net.URI server;

    @Option(names = "--no-backtest", description = "Semantic diff only, even when a store is configured.")
    boolean noBacktest;

    @Option(names = "--since", defaultValue = "30d", paramLabel = "AGE|TIME",
            description = "Start of the backtest: a duration before --until (30d, 12h) or a time (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "End of the backtest, included (default: now).")
    String until;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|markdown|json",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); markdown is a pull-request comment.")
    Format format;

    /** The output formats of {@code vigil diff}. */
    enum Format { text, markdown, json }

    @Mixin ConfigOption config;
    @Spec CommandSpec spec;

    /** The two versions' checked rules and what to call them. */
    private record Versions(String beforeName, List<Source> before, String afterName, List<Source> after) {}

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Config cfg = null;
        Path configPath = config.resolve();
        if (configPath != null) {
            try {
                ConfigResult loaded = ConfigLoader.fromProcessEnvironment().load(configPath);
                if (!loaded.ok()) {
                    err.print(DiagnosticPrinter.render(loaded.diagnostics()));
                    return ExitCodes.FAILED;
                }
                cfg = loaded.config();
            } catch (IOException e) {
                err.println("vigil diff: " + configPath + ": cannot read: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        Versions versions;
        try {
            versions = versions(cfg);
        } catch (GitRepository.GitException | RuleSources.LoadException e) {
            err.println("vigil diff: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        References refs = cfg == null ? null : cfg.references();
        CheckResult before = Checker.check(versions.before(), refs);
        CheckResult after = Checker.check(versions.after(), refs);
        if (failed(versions.beforeName(), before, err) || failed(versions.afterName(), after, err)) return ExitCodes.FAILED;
        SemanticDiff.Result semantic = SemanticDiff.compare(before.rules(), after.rules());
        BacktestDelta.Result backtest = null;
        boolean behaves = semantic.changes().stream().anyMatch(RuleChange::behaves);
        if (server != null && store != null) {
            err.println("vigil diff: --server and --store are two places to backtest: give one");
            return ExitCodes.USAGE;
        }
        if (server != null && !noBacktest && behaves) {
            Instant[] range = range(err);
            if (range == null) return ExitCodes.USAGE;
            try {
                backtest = remote(ServerOption.client(server), versions, semantic, range[0], range[1], err);
            } catch (StoreConfig.Invalid | ApiClient.Failure | DeltaJson.Invalid e) {
                err.println("vigil diff: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        StoreSettings settings = noBacktest || !behaves || server != null ? null : storeSettings(cfg, err);
        if (settings == STORE_ERROR) return ExitCodes.USAGE;
        if (settings != null) {
            Instant[] range = range(err);
            if (range == null) return ExitCodes.USAGE;
            Instant from = range[0];
            Instant to = range[1];
            FixedRules.preload();
            Progress progress = Progress.onTerminal(err);
            RuleCompiler compiler = new RuleCompiler(CompileOptions.defaults());
            try (JdbcMetricStore metrics = JdbcMetricStore.open(settings)) {
                backtest = new BacktestDelta(compiler, metrics, cfg).run(semantic, from, to,
                        (done, total) -> progress.update(String.format("backtest of both versions: %,d of %,d evaluations "
                                + "(%d%%)", done, total, total == 0 ? 100 : done * 100 / total)));
            } catch (StoreException e) {
                progress.done();
                err.println("vigil diff: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            progress.done();
        }
        DiffReport report = new DiffReport(versions.beforeName(), versions.afterName(), semantic, backtest);
        out.print(switch (format) {
            case text -> DiffText.render(report);
            case markdown -> DiffMarkdown.render(report);
            case json -> DiffJson.render(report);
        });
        out.flush();
        return ExitCodes.OK;
    }

    /** Prints the errors of one version's rules; true when there were any. */
    private static boolean failed(String version, CheckResult r, PrintWriter err) {
        if (!r.hasErrors()) return false;
        err.print(DiagnosticPrinter.render(r.diagnostics()));
        err.printf("vigil diff: the rules of %s have %d error(s): nothing compared%n", version, r.errorCount());
        return true;
    }

    private Versions versions(Config cfg) throws GitRepository.GitException, RuleSources.LoadException {
        if (base == null && head == null && paths != null && paths.size() == 2
                && Files.isDirectory(paths.get(0)) && Files.isDirectory(paths.get(1))) {
            return new Versions(paths.get(0).toString(), RuleSources.load(List.of(paths.get(0))),
                    paths.get(1).toString(), RuleSources.load(List.of(paths.get(1))));
        }
        List<Path> rulePaths = paths != null && !paths.isEmpty() ? paths
                : cfg != null && !cfg.rules().isEmpty() ? cfg.rules() : List.of(Path.of("."));
        Path first = rulePaths.get(0).toAbsolutePath();
        GitRepository repo = GitRepository.containing(Files.isDirectory(first) ? first : first.getParent());
        String baseName;
        String baseCommit;
        if (base != null) {
            baseCommit = repo.commit(base);
            baseName = base;
        } else {
            String branch = repo.defaultBranch();
            baseCommit = repo.mergeBase(branch);
            baseName = branch + " (merge base " + baseCommit.substring(0, 12) + ")";
        }
        List<Source> old = repo.ruleFiles(baseCommit, base != null ? base : baseCommit.substring(0, 12), rulePaths);
        if (head != null) {
            return new Versions(baseName, old, head, repo.ruleFiles(repo.commit(head), head, rulePaths));
        }
        return new Versions(baseName, old, "working tree", RuleSources.load(rulePaths));
    }

    private static final StoreSettings STORE_ERROR = StoreSettings.of("jdbc:h2:mem:");

    /** The store to backtest on, null for none (semantic diff only), or {@link #STORE_ERROR} after telling why. */
    private StoreSettings storeSettings(Config cfg, PrintWriter err) {
        if (store != null) {
            StoreSettings s = StoreSettings.of(store).withCredentials(System.getenv("VIGIL_DB_USER"), System.getenv("VIGIL_DB_PASSWORD"));
            String missing = BacktestCommand.missingH2File(s.url());
            if (missing == null) return s;
            err.println("vigil diff: no store at " + missing);
            return STORE_ERROR;
        }
        if (cfg == null) return null;
        StoreSettings s = StoreConfig.store(cfg);
        String missing = BacktestCommand.missingH2File(s.url());
        if (missing != null) {
            err.println("vigil diff: no stored history at " + missing + ": semantic diff only");
            return null;
        }
        return s;
    }

    /** [from, to] of the backtest, or null after telling why not. */
    private Instant[] range(PrintWriter err) {
        Instant to = until == null ? Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                : BacktestCommand.time("diff", until, "--until", err);
        if (to == null) return null;
        Instant from = sinceTime(to, err);
        return from == null ? null : new Instant[] {from, to};
    }

    /** The backtest run by the engine at {@code api} on its store, paired with this side's semantic diff. */
    private static BacktestDelta.Result remote(ApiClient api, Versions versions, SemanticDiff.Result semantic,
                                               Instant from, Instant to, PrintWriter err)
            throws ApiClient.Failure, DeltaJson.Invalid {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("before", files(versions.before()));
        body.put("after", files(versions.after()));
        body.put("from", from.toString());
        body.put("to", to.toString());
        Progress progress = Progress.onTerminal(err);
        progress.update("backtest of both versions on the engine ...");
        try {
            return DeltaJson.read(api.post("/api/v1/diff/backtest", body, REMOTE_TIMEOUT), semantic);
        } finally {
            progress.done();
        }
    }

    /** A backtest is seconds to a few minutes on a big range; the engine refuses a range far beyond that. */
    private static final Duration REMOTE_TIMEOUT = Duration.ofMinutes(10);

    private static List<Map<String, String>> files(List<Source> sources) {
        return sources.stream().map(s -> Map.of("path", s.path(), "text", s.text())).toList();
    }

    private Instant sinceTime(Instant to, PrintWriter err) {
        Duration d = DurationText.parse(since);
        if (d != null) return to.minus(d);
        Instant t = BacktestCommand.time("diff", since, "--since", err);
        if (t != null && t.isAfter(to)) {
            err.println("vigil diff: --since (" + t + ") is after --until (" + to + ")");
            return null;
        }
        return t;
    }
}
