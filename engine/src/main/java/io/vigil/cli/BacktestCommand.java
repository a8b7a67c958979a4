package io.vigil.cli;

import io.vigil.ast.DiagnosticPrinter;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.CompiledRuleSet;
import io.vigil.compile.FixedRules;
import io.vigil.compile.RuleCompiler;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreException;
import io.vigil.store.StoreSettings;
import io.vigil.testing.Backtest;
import io.vigil.testing.BacktestReport;
import io.vigil.testing.BacktestResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vigil backtest}: replay rules over stored history; timeline, summary, and an HTML report. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Replay the rules' schedules over the history in the store, from empty alert state at --from "
                + "to --to (both included), through the same evaluation as the running engine. Prints every transition "
                + "and, per rule, how often and how long it fired and what it would have sent and run. Writes no alert "
                + "state; sends and runs nothing.",
                "Exit 0 done, 1 the rules have errors, 2 bad usage or the store cannot be read."})
public final class BacktestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Rule files or directories (every .vigil below); default: the config's rules.")
    List<Path> paths;

    @Option(names = "--from", required = true, paramLabel = "TIME",
            description = "Start, ISO-8601 with zone (2026-01-01T00:00:00Z) or a date (UTC midnight).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "TIME", description = "End, included; as --from.")
    String to;

    @Option(names = "--store", paramLabel = "JDBC_URL",
            description = "Read this store instead of the config's (credentials: VIGIL_DB_USER, VIGIL_DB_PASSWORD).")
    String store;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); json has one object per transition.")
    OutputFormat format;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write a self-contained HTML report with a chart per rule.")
    Path report;

    @Option(names = "--values", paramLabel = "FILE.csv",
            description = "Also write the values behind each rule: one CSV row per evaluation and element "
                    + "(time, rule, labels, value, state).")
    Path values;

    @Mixin ConfigOption config;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        FixedRules.preload(); // overlaps the rest of start-up
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant start = time("backtest", from, "--from", err);
        Instant end = time("backtest", to, "--to", err);
        if (start == null || end == null) return ExitCodes.USAGE;
        if (end.isBefore(start)) {
            err.println("vigil backtest: --to (" + end + ") is before --from (" + start + ")");
            return ExitCodes.USAGE;
        }
        RuleSetLoad load = RuleSetLoad.of(paths, config, err);
        if (load == null) return ExitCodes.USAGE;
        if (load.result().hasErrors()) {
            err.print(DiagnosticPrinter.render(io.vigil.check.WarningSummary.of(load.result().diagnostics())));
            err.printf("%d error(s): nothing evaluated%n", load.result().errorCount());
            return ExitCodes.FAILED;
        }
        StoreSettings settings = store != null
                ? StoreSettings.of(store).withCredentials(System.getenv("VIGIL_DB_USER"), System.getenv("VIGIL_DB_PASSWORD"))
                : load.config() != null ? StoreConfig.store(load.config()) : StoreSettings.of(StoreSettings.DEFAULT_URL);
        String missing = missingH2File(settings.url());
        if (missing != null) {
            err.println("vigil backtest: no store at " + missing + " (give --store or a --config whose store holds the history)");
            return ExitCodes.USAGE;
        }
        RuleCompiler compiler = new RuleCompiler(CompileOptions.defaults());
        CompiledRuleSet compiled = compiler.compile(load.result().rules());
        BacktestResult result;
        Progress progress = Progress.onTerminal(err);
        try (JdbcMetricStore metrics = JdbcMetricStore.open(settings)) {
            result = new Backtest(compiler, metrics, load.config()).run(compiled, start, end, report != null || values != null,
                    (done, total) -> progress.update(String.format("backtest: %,d of %,d evaluations (%d%%)", done, total,
                            total == 0 ? 100 : done * 100 / total)));
        } catch (StoreException e) {
            progress.done();
            err.println("vigil backtest: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        progress.done();
        BacktestOutput output = new BacktestOutput(out);
        if (format == OutputFormat.json) output.json(result);
        else output.text(result);
        out.flush();
        if (report != null) {
            try {
                write(report, BacktestReport.render(result));
            } catch (IOException e) {
                err.println("vigil backtest: cannot write " + report + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
            err.println("report written to " + report);
        }
        if (values != null) {
            try {
                write(values, valuesCsv(result));
            } catch (IOException e) {
                err.println("vigil backtest: cannot write " + values + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
            err.println("values written to " + values);
        }
        return ExitCodes.OK;
    }

    /**
     * time,rule,labels,value,state: each plotted element at each evaluation, in the state its alert instance
     * was in then (pending/firing periods of the replay; inactive otherwise).
     */
    static String valuesCsv(io.vigil.testing.BacktestResult result) {
        StringBuilder out = new StringBuilder("time,rule,labels,value,state\n");
        for (io.vigil.testing.BacktestResult.RuleHistory rh : result.rules()) {
            rh.lines().forEach((label, points) -> {
                for (io.vigil.testing.SvgChart.Point p : points) {
                    if (!Double.isFinite(p.value())) continue;
                    String state = "inactive";
                    for (io.vigil.testing.BacktestResult.Period period : rh.periods()) {
                        boolean inside = !p.t().isBefore(period.from())
                                && (p.t().isBefore(period.to()) || (period.open() && !p.t().isAfter(period.to())));
                        if (inside && label.endsWith(io.vigil.testing.LabelText.of(period.labels()))) state = period.kind();
                    }
                    out.append(p.t()).append(',').append(csv(rh.rule().id())).append(',').append(csv(label)).append(',')
                            .append(io.vigil.template.NumberText.format(p.value())).append(',').append(state).append('\n');
                }
            });
        }
        return out.toString();
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
    private static String csv(String s) {
        return s.matches("(?s).*[\",\r\n].*") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** Writes beside the target and moves into place, so a failed write never leaves half a report. */
    private static void write(Path file, String html) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".vigil-report-", ".tmp");
        try {
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            try {
                // Temporary files are private to their owner; a report is meant to be shared.
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep its defaults
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** An ISO-8601 time with zone or a date (UTC midnight), or null after telling why not. */
    static Instant time(String command, String text, String option, PrintWriter err) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                err.println("vigil " + command + ": " + option + " '" + text + "' is not a time; write e.g. 2026-01-01T00:00:00Z "
                        + "or 2026-01-01");
                return null;
            }
        }
    }

    /** The file an embedded H2 URL names when it does not exist yet (opening would create an empty store), else null. */
    static String missingH2File(String url) {
        if (!url.startsWith("jdbc:h2:file:")) return null;
        String path = url.substring("jdbc:h2:file:".length());
        int semi = path.indexOf(';');
        if (semi >= 0) path = path.substring(0, semi);
        return Files.exists(Path.of(path + ".mv.db")) ? null : path;
    }
}
