package io.vigil.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;

/** The quickstart's files, derived from the weather CSV: the 2012 training baseline and the 2013–2015 snapshots. */
public final class DemoDataset {
    public static final DateRange TRAINING = new DateRange(LocalDate.of(2012, 1, 1), LocalDate.of(2012, 12, 31));
    /** The days replayed by default: everything after the training year. */
    public static final String REPLAY = "2013-01-01..2015-12-31";
    /** A simulated five-day break in the feed (Monday to Friday, a quiet week) so the missing-data rule has something to find. */
    public static final String DEFAULT_OUTAGE = "2013-04-15..2013-04-19";
    public static final String SNAPSHOTS_FILE = "rain-snapshots.jsonl";
    public static final String PREDICTIONS_FILE = "rain-predictions.jsonl";
    public static final String OUTCOMES_FILE = "rain-outcomes.jsonl";
    public static final String BASELINE_FILE = "baseline-2012.csv";
    /** Baseline columns, as named in the snapshots' distributions. */
    public static final List<String> BASELINE_COLUMNS = List.of("temp_max", "temp_min", "wind", "precipitation");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<WeatherDay> training;
    private final RainModel model;
    private final List<ObjectNode> snapshots;
    private final List<ObjectNode> predictions;
    private final List<ObjectNode> outcomes;

    private DemoDataset(List<WeatherDay> training, RainModel model, List<ObjectNode> snapshots,
                        List<ObjectNode> predictions, List<ObjectNode> outcomes) {
        this.training = training;
        this.model = model;
        this.snapshots = snapshots;
        this.predictions = predictions;
        this.outcomes = outcomes;
    }

    /** Fits the model on {@link #TRAINING} and replays {@code replay}; {@code outage} (or null) removes days from the feed. */
    public static DemoDataset of(List<WeatherDay> days, DateRange replay, DateRange outage) {
        if (!replay.first().isAfter(TRAINING.last())) {
            throw new IllegalArgumentException("the replay " + replay + " must start after the training year " + TRAINING);
        }
        List<WeatherDay> training = days.stream().filter(d -> TRAINING.contains(d.date())).toList();
        if (training.size() != TRAINING.first().lengthOfYear()) {
            throw new IllegalArgumentException("the data must cover every day of " + TRAINING + ", found " + training.size() + " days");
        }
        RainModel model = RainModel.fit(training);
        WeatherReplay r = new WeatherReplay(days, model);
        return new DemoDataset(training, model, r.snapshots(replay, outage), r.predictions(replay, outage),
                r.outcomes(replay, outage));
    }

    public RainModel model() { return model; }

    public List<WeatherDay> training() { return training; }

    public List<ObjectNode> snapshots() { return snapshots; }

    /** Each day's forecast for the next day, with the day's inputs as features (WeatherReplay#predictions). */
    public List<ObjectNode> predictions() { return predictions; }

    /** Each forecast day's weather, known that evening (WeatherReplay#outcomes). */
    public List<ObjectNode> outcomes() { return outcomes; }

    /** One snapshot per line, ready for {@code vigil ingest} or {@code POST /api/v1/snapshots}. */
    public String snapshotsJsonl() { return jsonl(snapshots); }

    /** One record per line, as {@code POST /api/v1/predictions} and {@code vigil ingest --predictions} take them. */
    public String predictionsJsonl() { return jsonl(predictions); }

    /** One record per line, as {@code POST /api/v1/outcomes} and {@code vigil ingest --outcomes} take them. */
    public String outcomesJsonl() { return jsonl(outcomes); }

    private static String jsonl(List<ObjectNode> records) {
        StringBuilder out = new StringBuilder();
        try {
            for (ObjectNode r : records) out.append(JSON.writeValueAsString(r)).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The training days as a wide CSV for {@code vigil baseline rain training}: one row per day of 2012. */
    public String baselineCsv() {
        StringBuilder out = new StringBuilder(String.join(",", BASELINE_COLUMNS)).append('\n');
        for (WeatherDay d : training) {
            out.append(d.tempMax()).append(',').append(d.tempMin()).append(',')
                    .append(d.wind()).append(',').append(d.precipitation()).append('\n');
        }
        return out.toString();
    }

    /** Writes the files into {@code dir}; each appears whole or not at all (written aside, then moved into place). */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        replace(dir.resolve(SNAPSHOTS_FILE), snapshotsJsonl());
        replace(dir.resolve(PREDICTIONS_FILE), predictionsJsonl());
        replace(dir.resolve(OUTCOMES_FILE), outcomesJsonl());
        replace(dir.resolve(BASELINE_FILE), baselineCsv());
    }

    private static void replace(Path target, String content) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
