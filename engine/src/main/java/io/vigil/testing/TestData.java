package io.vigil.testing;

import io.vigil.ast.Diagnostic;
import io.vigil.ast.Span;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.ingest.InputFileException;
import io.vigil.ingest.PredictionFileReader;
import io.vigil.ingest.PredictionParser;
import io.vigil.stats.quality.ModelKind;
import io.vigil.store.Batch;
import io.vigil.store.Outcome;
import io.vigil.store.Prediction;
import io.vigil.store.FeatureSnapshot;
import io.vigil.store.Labels;
import io.vigil.store.MetricSample;
import io.vigil.store.MetricStore;
import io.vigil.store.SeriesKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A test file's input data in a store: series samples every {@code interval} from {@code start}, stale
 * markers, feature distributions and baselines. Inputs without a model belong to the only model the rules
 * load; with several models that is an error at the input.
 */
final class TestData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestFile file;
    private final Set<String> models;
    private final Function<String, ModelKind> kindOf;
    private final List<Prediction> predictions = new ArrayList<>();
    private final List<Outcome> outcomes = new ArrayList<>();

    /** @param kindOf each model's declared kind (null when undeclared), as the HTTP ingest gets it */
    TestData(TestFile file, Set<String> models, Function<String, ModelKind> kindOf) {
        this.file = file;
        this.models = new TreeSet<>(models);
        this.kindOf = kindOf;
    }

    /** Inputs whose model cannot be told. */
    List<Diagnostic> problems() {
        List<Diagnostic> out = new ArrayList<>();
        for (TestFile.SeriesInput s : file.series()) check(s.model(), s.span(), "series", "a model=\"...\" label", out);
        for (TestFile.BaselineInput b : file.baselines()) check(b.model(), b.span(), "baseline", "model:", out);
        for (TestFile.DistributionInput d : file.distributions()) check(d.model(), d.span(), "distribution", "model:", out);
        for (TestFile.RecordInput r : file.predictions()) parse(r, "prediction", PredictionParser::predictions, out);
        for (TestFile.RecordInput r : file.outcomes()) parse(r, "outcome", PredictionParser::outcomes, out);
        for (TestFile.RecordFile f : file.recordFiles()) read(f, out);
        return out;
    }

    /**
     * Reads a file of records with the reader of {@code vigil ingest} (the config's model kinds, the same
     * checks); the first bad record is a diagnostic at the test file's {@code predictions:} naming the data
     * file, line and field path, e.g. {@code predictions: preds.csv:4: score: a probability is from 0 to 1}.
     */
    private void read(TestFile.RecordFile f, List<Diagnostic> out) {
        List<Prediction> p = new ArrayList<>();
        List<Outcome> o = new ArrayList<>();
        try {
            new PredictionFileReader(f.outcomes(), kindOf).read(f.path(), chunk -> {
                p.addAll(chunk.batch().predictions());
                o.addAll(chunk.batch().outcomes());
            }, lines -> { });
        } catch (InputFileException e) {
            out.add(Diagnostic.error(f.span(), f.key() + ": " + e.getMessage()));
            return;
        }
        predictions.addAll(p);
        outcomes.addAll(o);
    }

    private void check(String model, Span span, String what, String fix, List<Diagnostic> out) {
        if (model == null && models.size() != 1) {
            out.add(Diagnostic.error(span, "this " + what + " names no model and the rules load "
                    + (models.isEmpty() ? "none" : models.size() + " (" + String.join(", ", models) + ")")
                    + "; add " + fix));
        }
    }

    /**
     * Validates a record with the production parser (the HTTP API's rules, the config's model kinds) and keeps
     * it; a refusal is a diagnostic at the record naming the field path, e.g. {@code predictions[2].score}.
     */
    private void parse(TestFile.RecordInput r, String what,
                       BiFunction<byte[], Function<String, ModelKind>, PredictionParser.Result> parser,
                       List<Diagnostic> out) {
        int before = out.size();
        check(r.model(), r.span(), what, "model:", out);
        if (out.size() > before) return;
        ObjectNode json = r.json().deepCopy();
        json.put("model", model(r.model()));
        json.put("timestamp", file.start().plus(r.at()).toString());
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree did not serialize", e);
        }
        PredictionParser.Result result = parser.apply(body, kindOf);
        if (result instanceof PredictionParser.Parsed p) {
            predictions.addAll(p.predictions());
            outcomes.addAll(p.outcomes());
        } else if (result instanceof PredictionParser.Rejected rej) {
            out.add(Diagnostic.error(r.span(), TestYaml.join(r.path(), rej.error().path()) + ": " + rej.error().message()));
        }
    }

    private String model(String given) {
        return given != null ? given : models.iterator().next();
    }

    /** Writes everything in one transaction. Call only when {@link #problems()} is empty. */
    void write(MetricStore store) {
        List<MetricSample> samples = new ArrayList<>();
        for (TestFile.SeriesInput s : file.series()) {
            SeriesKey key = new SeriesKey(model(s.model()), s.metric(), Labels.of(s.labels()));
            for (int i = 0; i < s.steps().size(); i++) {
                Instant at = file.start().plus(file.interval().multipliedBy(i));
                SeriesNotation.Step step = s.steps().get(i);
                if (step instanceof SeriesNotation.Step.Value v) samples.add(MetricSample.of(key, at, v.value()));
                else if (step instanceof SeriesNotation.Step.Stale) samples.add(MetricSample.staleMarker(key, at));
            }
        }
        List<FeatureSnapshot> distributions = new ArrayList<>();
        for (TestFile.DistributionInput d : file.distributions()) {
            for (var offset : d.offsets()) {
                distributions.add(new FeatureSnapshot(model(d.model()), d.feature(), file.start().plus(offset), d.sample()));
            }
        }
        store.write(new Batch(samples, distributions, predictions, outcomes));
        for (TestFile.BaselineInput b : file.baselines()) store.putBaseline(model(b.model()), b.name(), b.features());
    }
}
