package io.vigil.cli;

import io.vigil.ingest.BaselineParser;
import io.vigil.ingest.IngestClient;
import io.vigil.ingest.InputError;
import io.vigil.ingest.InputFileException;
import io.vigil.ingest.SnapshotJson;
import io.vigil.ingest.WideCsv;
import io.vigil.ingest.WideCsvException;
import io.vigil.ingest.WideCsvReader;
import io.vigil.ingest.WideJsonlReader;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigil baseline}: store a reference profile (e.g. the training set) under a name. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = {"Store a reference profile of a model's features, e.g. its training data, for rules to compare "
                + "against (baseline \"NAME\").",
                "DATA is a wide .csv (header row, one column per feature, empty cell = null) or .jsonl (one object per "
                + "row, feature -> value). A column whose values are all numbers is numeric, any other categorical.",
                "Storing a baseline again under the same name replaces all of it.",
                "Exit 0 stored, 1 the data file is malformed, 2 bad usage or the store/server cannot be reached."})
public final class BaselineCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model the baseline belongs to.")
    String model;

    @Parameters(index = "1", paramLabel = "NAME", description = "The baseline's name, e.g. training.")
    String name;

    @Parameters(index = "2", paramLabel = "DATA", description = "The data: .csv (wide) or .jsonl (rows).")
    Path data;

    @Mixin ConfigOption config;
    @Mixin StoreOptions target;
    @Spec CommandSpec spec;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InputError badName = BaselineParser.checkNames(model, name);
        if (badName != null) {
            err.println("vigil baseline: " + badName.message());
            return ExitCodes.USAGE;
        }
        if (!Files.isRegularFile(data)) {
            err.println("vigil baseline: " + data + ": no such file");
            return ExitCodes.USAGE;
        }
        String lower = data.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean jsonl = lower.endsWith(".jsonl") || lower.endsWith(".ndjson");
        if (!jsonl && !lower.endsWith(".csv")) {
            err.println("vigil baseline: " + data + ": unknown file type; expected .csv (wide) or .jsonl (one row per line)");
            return ExitCodes.USAGE;
        }
        StoreOptions.Target to = target.resolve(config, err, "baseline");
        if (to == null) return ExitCodes.USAGE;
        Progress progress = Progress.onTerminal(err);
        WideCsv table;
        try {
            progress.update("reading " + data + "...");
            table = jsonl ? WideJsonlReader.read(data) : WideCsvReader.read(data);
        } catch (WideCsvException | InputFileException e) {
            progress.done();
            err.println(e.getMessage());
            err.println("vigil baseline: nothing was stored");
            return ExitCodes.FAILED;
        }
        if (table.features().isEmpty()) {
            progress.done();
            err.println("vigil baseline: " + data + ": no features (columns) found; nothing was stored");
            return ExitCodes.FAILED;
        }
        progress.update("storing " + table.features().size() + " features...");
        try {
            if (to.server() != null) {
                new IngestClient(to.server(), to.token()).postBaseline(model, name, SnapshotJson.baseline(table.features()));
            } else {
                try (JdbcMetricStore store = JdbcMetricStore.open(to.store())) {
                    store.putBaseline(model, name, table.features());
                }
            }
        } catch (IngestClient.Failure | StoreException e) {
            progress.done();
            err.println("vigil baseline: " + e.getMessage() + "; nothing was stored");
            return ExitCodes.USAGE;
        }
        progress.done();
        out.printf("stored baseline %s/%s: %s from %s%n", model, name,
                IngestCommand.plural(table.features().size(), "feature"), IngestCommand.plural(table.rows(), "row"));
        return ExitCodes.OK;
    }
}
