package io.vigil.cli;

import io.vigil.ingest.IngestClient;
import io.vigil.ingest.InputFileException;
import io.vigil.ingest.MetricFileReader;
import io.vigil.ingest.PredictionFileReader;
import io.vigil.config.Config;
import io.vigil.stats.quality.ModelKind;
import io.vigil.store.RecordConflictException;
import java.util.function.Function;
import io.vigil.ingest.SnapshotJson;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.MetricStore;
import io.vigil.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigil ingest}: load snapshot files into the store or a running engine, all or nothing. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Load metric, prediction and outcome files: .jsonl (one snapshot per line, as POST /api/v1/snapshots takes) or .csv "
                + "(timestamp,model,metric,value[,label columns...]; value 'stale' writes a stale marker).",
                "Straight into the store: every file in one transaction, so one bad line stores nothing. "
                + "With --server, every file is checked first, then sent in batches.",
                "Exit 0 stored, 1 a file has bad content, 2 bad usage or the store/server cannot be reached."})
public final class IngestCommand implements Callable<Integer> {
    private static final Pattern MODEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Snapshot files to load (.jsonl, .ndjson or .csv).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--predictions", paramLabel = "FILE", arity = "1..*",
            description = "Prediction files: .jsonl (one prediction per line, as POST /api/v1/predictions takes) or .csv "
                    + "(timestamp,model,id,score|scores.CLASS...|value[,class][,label.NAME...][,feature.NAME...]).")
    List<Path> predictionFiles = new ArrayList<>();

    @Option(names = "--outcomes", paramLabel = "FILE", arity = "1..*",
            description = "Outcome files: .jsonl (as POST /api/v1/outcomes takes) or .csv (timestamp,model,id,actual).")
    List<Path> outcomeFiles = new ArrayList<>();

    @Option(names = "--model", paramLabel = "M",
            description = "Model of snapshots and CSV rows that name none (the CSV model column may then be left out).")
    String model;

    @Mixin ConfigOption config;
    @Mixin StoreOptions target;
    @Spec CommandSpec spec;

    /** What was read in total. */
    private long samples;
    private long distributions;
    private long predictions;
    private long outcomes;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (model != null && !MODEL.matcher(model).matches()) {
            err.println("vigil ingest: --model '" + model + "' is not a valid model name (letters, digits, _)");
            return ExitCodes.USAGE;
        }
        if (files.isEmpty() && predictionFiles.isEmpty() && outcomeFiles.isEmpty()) {
            err.println("vigil ingest: give snapshot files, --predictions FILE... or --outcomes FILE...");
            return ExitCodes.USAGE;
        }
        for (Path f : records()) {
            if (!Files.isRegularFile(f)) {
                err.println("vigil ingest: " + f + ": no such file");
                return ExitCodes.USAGE;
            }
        }
        List<MetricFileReader> readers = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                err.println("vigil ingest: " + f + ": no such file");
                return ExitCodes.USAGE;
            }
            try {
                readers.add(MetricFileReader.forFile(f));
            } catch (InputFileException e) {
                err.println("vigil ingest: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        StoreOptions.Target to = target.resolve(config, err, "ingest");
        if (to == null) return ExitCodes.USAGE;
        Function<String, ModelKind> kindOf = modelKinds(err);
        if (kindOf == null) return ExitCodes.USAGE;
        predictionReader = new PredictionFileReader(false, kindOf);
        outcomeReader = new PredictionFileReader(true, kindOf);
        Progress progress = Progress.onTerminal(err);
        try {
            int code = to.server() != null ? send(readers, new IngestClient(to.server(), to.token()), progress, err)
                    : store(readers, to, progress);
            progress.done();
            if (code == ExitCodes.OK) {
                List<String> what = new ArrayList<>();
                if (!files.isEmpty()) {
                    what.add(plural(samples, "sample"));
                    what.add(plural(distributions, "distribution"));
                }
                if (!predictionFiles.isEmpty()) what.add(plural(predictions, "prediction"));
                if (!outcomeFiles.isEmpty()) what.add(plural(outcomes, "outcome"));
                out.printf("stored %s from %s%n", String.join(what.size() == 2 ? " and " : ", ", what),
                        plural(files.size() + predictionFiles.size() + outcomeFiles.size(), "file"));
            }
            return code;
        } catch (InputFileException e) {
            progress.done();
            err.println(e.getMessage());
            err.println("vigil ingest: nothing was stored");
            return ExitCodes.FAILED;
        } catch (StoreException e) {
            progress.done();
            err.println("vigil ingest: " + e.getMessage() + "; nothing was stored");
            return ExitCodes.USAGE;
        } catch (RecordConflictException e) {
            progress.done();
            err.println("vigil ingest: " + e.getMessage() + "; nothing was stored");
            return ExitCodes.FAILED;
        }
    }

    private PredictionFileReader predictionReader;
    private PredictionFileReader outcomeReader;

    /** Every prediction and outcome file, predictions first. */
    private List<Path> records() {
        List<Path> all = new ArrayList<>(predictionFiles);
        all.addAll(outcomeFiles);
        return all;
    }

    private PredictionFileReader readerOf(Path recordFile) {
        return predictionFiles.contains(recordFile) ? predictionReader : outcomeReader;
    }

    private void counted(Path recordFile, long n) {
        if (predictionFiles.contains(recordFile)) predictions += n;
        else outcomes += n;
    }

    /** Model kinds declared in vigil.yaml (for validating predictions); null when the config cannot be read. */
    private Function<String, ModelKind> modelKinds(PrintWriter err) {
        if (predictionFiles.isEmpty() && outcomeFiles.isEmpty()) return model -> null;
        Path file = config.resolve();
        if (file == null) return model -> null;
        try {
            Config cfg = StoreConfig.load(file);
            return model -> cfg.model(model).kind();
        } catch (StoreConfig.Invalid e) {
            err.println("vigil ingest: " + e.getMessage());
            return null;
        }
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Everything in one transaction: a bad line anywhere rolls back every file. */
    private int store(List<MetricFileReader> readers, StoreOptions.Target to, Progress progress) throws InputFileException {
        try (JdbcMetricStore store = JdbcMetricStore.open(to.store()); MetricStore.Writer writer = store.writer()) {
            for (int i = 0; i < readers.size(); i++) {
                Path file = files.get(i);
                var summary = readers.get(i).read(file, model, writer::write,
                        lines -> progress.update(file + ": " + lines + " lines"));
                samples += summary.samples();
                distributions += summary.distributions();
            }
            for (Path file : records()) {
                counted(file, readerOf(file).read(file, chunk -> writer.write(chunk.batch()),
                        lines -> progress.update(file + ": " + lines + " lines")));
            }
            progress.update("committing...");
            writer.commit();
        }
        return ExitCodes.OK;
    }

    /** Checks every file before sending anything, then sends batch by batch. */
    private int send(List<MetricFileReader> readers, IngestClient client, Progress progress, PrintWriter err)
            throws InputFileException {
        for (int i = 0; i < readers.size(); i++) {
            Path file = files.get(i);
            readers.get(i).read(file, model, batch -> {}, lines -> progress.update("checking " + file + ": " + lines + " lines"));
        }
        for (Path file : records()) {
            readerOf(file).read(file, chunk -> {}, lines -> progress.update("checking " + file + ": " + lines + " lines"));
        }
        for (int i = 0; i < readers.size(); i++) {
            Path file = files.get(i);
            List<IngestClient.Failure> failed = new ArrayList<>();
            readers.get(i).read(file, model, batch -> {
                if (!failed.isEmpty()) return;
                try {
                    client.postSnapshots(SnapshotJson.snapshots(batch));
                    samples += batch.samples().size();
                    distributions += batch.distributions().size();
                } catch (IngestClient.Failure f) {
                    failed.add(f);
                }
            }, lines -> progress.update("sending " + file + ": " + lines + " lines"));
            if (!failed.isEmpty()) {
                progress.done();
                err.println("vigil ingest: " + file + ": the server refused a batch: " + failed.get(0).getMessage());
                err.printf("vigil ingest: %d samples and %d distributions sent before it were stored%n", samples, distributions);
                return ExitCodes.USAGE;
            }
        }
        for (Path file : records()) {
            boolean isOutcomes = !predictionFiles.contains(file);
            List<IngestClient.Failure> failed = new ArrayList<>();
            long[] sent = {0};
            readerOf(file).read(file, chunk -> {
                if (!failed.isEmpty()) return;
                try {
                    client.postRecords(isOutcomes, JSON.writeValueAsBytes(chunk.json()));
                    sent[0] += chunk.json().size();
                } catch (IngestClient.Failure f) {
                    failed.add(f);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("JSON of parsed records", e);
                }
            }, lines -> progress.update("sending " + file + ": " + lines + " lines"));
            counted(file, sent[0]);
            if (!failed.isEmpty()) {
                progress.done();
                err.println("vigil ingest: " + file + ": the server refused a batch: " + failed.get(0).getMessage());
                err.printf("vigil ingest: the %d records of %s sent before it were stored%n", sent[0], file);
                return ExitCodes.USAGE;
            }
        }
        return ExitCodes.OK;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
}
