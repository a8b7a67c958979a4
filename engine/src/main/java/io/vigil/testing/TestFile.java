package io.vigil.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.ast.Span;
import io.vigil.stats.FeatureSample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A rule test file (docs/rule-tests.md) as read: rule and config paths resolved against the file's
 * directory, input data, and the expectations of each test. Spans point into the test file, so problems
 * found later (an unknown model, a failing test) can still name its line.
 *
 * @param config null when the file names none
 */
public record TestFile(Path path, List<Path> rules, Path config, Duration interval, Instant start,
                       List<SeriesInput> series, List<BaselineInput> baselines, List<DistributionInput> distributions,
                       List<TestCase> tests, List<RecordInput> predictions, List<RecordInput> outcomes,
                       List<RecordFile> recordFiles) {

    public TestFile {
        recordFiles = List.copyOf(recordFiles);
        predictions = List.copyOf(predictions);
        outcomes = List.copyOf(outcomes);
        rules = List.copyOf(rules);
        series = List.copyOf(series);
        baselines = List.copyOf(baselines);
        distributions = List.copyOf(distributions);
        tests = List.copyOf(tests);
    }

    /**
     * One input series: a sample every {@code interval} from {@code start}.
     *
     * @param model null when the selector has no {@code model} label (the only model loaded)
     */
    public record SeriesInput(String model, String metric, SortedMap<String, String> labels,
                              List<SeriesNotation.Step> steps, Span span) {}

    /** A named reference profile of a model: feature → sample. */
    public record BaselineInput(String model, String name, Map<String, FeatureSample> features, Span span) {}

    /** One feature's distribution, ingested at each of {@code offsets} after {@code start}. */
    public record DistributionInput(String model, String feature, List<Duration> offsets, FeatureSample sample,
                                    Span span) {}

    /** A file without prediction or outcome records. */
    public TestFile(Path path, List<Path> rules, Path config, Duration interval, Instant start, List<SeriesInput> series,
                    List<BaselineInput> baselines, List<DistributionInput> distributions, List<TestCase> tests) {
        this(path, rules, config, interval, start, series, baselines, distributions, tests, List.of(), List.of(), List.of());
    }

    /**
     * A {@code predictions:} or {@code outcomes:} given as a path: a JSONL or CSV file in the format of
     * {@code vigil ingest --predictions/--outcomes}, read by the production {@link io.vigil.ingest.PredictionFileReader}
     * once the config's model kinds are known. Its records carry their own {@code timestamp} and {@code model}.
     *
     * @param path     the file, resolved against the test file's directory
     * @param outcomes whether it holds outcomes (else predictions)
     * @param key      {@code predictions} or {@code outcomes}, to name in messages
     */
    public record RecordFile(Path path, boolean outcomes, String key, Span span) {}

    /**
     * One prediction or outcome record as {@code POST /api/v1/predictions} / {@code /outcomes} take it, but
     * without {@code timestamp} (it is {@code start + at}) and with {@code model} possibly missing (the only
     * model the rules load). It is validated by the production parser once the config's model kinds are known.
     *
     * @param json  the record's fields as JSON, without {@code at}
     * @param path  the record's key path in the test file ({@code predictions[3]}), or its file's line
     * @param model null when the record names none
     */
    public record RecordInput(Duration at, ObjectNode json, String model, String path, Span span) {}

    /**
     * The expectations at one time.
     *
     * @param pending       null when the test has no {@code pending:} list (pending instances are then not checked)
     * @param notifications null when not checked
     * @param actions       null when not checked
     */
    public record TestCase(Duration at, List<ExpectedAlert> alerts, List<ExpectedAlert> pending,
                           List<ExpectedDelivery> notifications, List<ExpectedDelivery> actions, Span span) {}

    /**
     * An alert instance that must be firing (or pending).
     *
     * @param value     null when the value is not checked
     * @param tolerance absolute tolerance for {@code value}, or null for the default
     */
    public record ExpectedAlert(String rule, SortedMap<String, String> labels, Double value, Double tolerance,
                                Span span) {}

    /**
     * A notification ({@code target} a channel, {@code kind} firing, repeat or resolved) or an action run
     * ({@code target} an action, {@code kind} run or approval) that would happen.
     *
     * @param at null when the time is not checked
     */
    public record ExpectedDelivery(String target, String rule, SortedMap<String, String> labels, String kind,
                                   Duration at, Span span) {}
}
