package io.vigil.cli;

import io.vigil.ingest.WideCsv;
import io.vigil.ingest.WideCsvException;
import io.vigil.ingest.WideCsvReader;
import io.vigil.stats.DriftCalculator;
import io.vigil.stats.DriftReport;
import io.vigil.stats.FeatureSample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** {@code vigil drift}: an ad-hoc drift report per feature between two wide CSV files. */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Compare two wide CSV files (header row, one column per feature) and report every drift "
                + "statistic per feature, the test the default selection picks, and whether the feature drifted.",
                "The dataset drifts when at least half of the compared features drift."},
        footer = {"", "Exit status: 0 report printed (drift or not), 2 unreadable file or unknown feature."})
public final class DriftCommand implements Callable<Integer> {
    /** The output formats. */

    @Spec CommandSpec spec;

    @Option(names = "--reference", required = true, paramLabel = "ref.csv",
            description = "Reference data, e.g. the training set.")
    Path reference;

    @Option(names = "--current", required = true, paramLabel = "cur.csv", description = "Current data to compare.")
    Path current;

    @Option(names = "--features", split = ",", paramLabel = "NAME",
            description = "Features to compare (default: every column present in both files).")
    List<String> features = List.of();

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() throws Exception {
        DriftComparison comparison;
        try {
            comparison = compare();
        } catch (WideCsvException e) {
            spec.commandLine().getErr().println("vigil drift: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        DriftOutput output = new DriftOutput(comparison);
        if (format == OutputFormat.json) output.json(spec.commandLine().getOut());
        else output.text(spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private DriftComparison compare() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            Future<WideCsv> refRead = pool.submit(() -> WideCsvReader.read(reference, features, Set.of()));
            Future<WideCsv> curRead = pool.submit(() -> WideCsvReader.read(current, features, Set.of()));
            WideCsv ref = unwrap(refRead);
            WideCsv cur = unwrap(curRead);
            List<String> names = new ArrayList<>();
            for (String column : ref.columns()) if (cur.feature(column) != null) names.add(column);
            List<String> categorical = new ArrayList<>();
            for (String column : names) {
                if (ref.feature(column) instanceof FeatureSample.Numeric != cur.feature(column) instanceof FeatureSample.Numeric) {
                    categorical.add(column);
                }
            }
            // A column numeric in one file and textual in the other is categorical: re-read its numeric side as text.
            if (!categorical.isEmpty()) {
                ref = recategorize(ref, categorical);
                cur = recategorize(cur, categorical);
            }
            List<CompletableFuture<DriftReport>> futures = new ArrayList<>();
            for (String column : names) {
                FeatureSample r = ref.feature(column);
                FeatureSample c = cur.feature(column);
                futures.add(CompletableFuture.supplyAsync(() -> DriftCalculator.compare(r, c), pool));
            }
            Map<String, DriftReport> reports = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) reports.put(names.get(i), futures.get(i).join());
            return new DriftComparison(ref, cur, reports, onlyIn(ref, cur), onlyIn(cur, ref));
        } finally {
            pool.shutdownNow();
        }
    }

    private static WideCsv recategorize(WideCsv csv, List<String> columns) throws WideCsvException {
        List<String> numeric = columns.stream().filter(c -> csv.feature(c) instanceof FeatureSample.Numeric).toList();
        if (numeric.isEmpty()) return csv;
        WideCsv again = WideCsvReader.read(csv.file(), numeric, Set.copyOf(numeric));
        Map<String, FeatureSample> merged = new LinkedHashMap<>(csv.features());
        merged.putAll(again.features());
        return new WideCsv(csv.file(), csv.rows(), csv.columns(), merged);
    }

    private static List<String> onlyIn(WideCsv a, WideCsv b) {
        return a.columns().stream().filter(c -> b.feature(c) == null).toList();
    }

    // Rethrows a reader's own exception (a WideCsvException names file and line) rather than its wrapper.
    private static WideCsv unwrap(Future<WideCsv> read) throws Exception {
        try {
            return read.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
    }

    /** What was compared: both files and one report per common feature, in reference column order. */
    record DriftComparison(WideCsv reference, WideCsv current, Map<String, DriftReport> reports,
                           List<String> onlyInReference, List<String> onlyInCurrent) {
        /** Dataset drift threshold: the share of drifted features at or above which the dataset drifts. */
        static final double DATASET_SHARE = 0.5;

        long drifted() { return reports.values().stream().filter(DriftReport::detected).count(); }

        double driftShare() { return reports.isEmpty() ? 0 : (double) drifted() / reports.size(); }

        boolean datasetDrift() { return !reports.isEmpty() && driftShare() >= DATASET_SHARE; }
    }
}
