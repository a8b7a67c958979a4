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
    public static final String BASELINE_FILE = "baseline-2012.csv";
    /** Baseline columns, as named in the snapshots' distributions. */
    public static final List<String> BASELINE_COLUMNS = List.of("temp_max", "temp_min", "wind", "precipitation");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<WeatherDay> training;
    private final RainModel model;
    private final List<ObjectNode> snapshots;

    private DemoDataset(List<WeatherDay> training, RainModel model, List<ObjectNode> snapshots) {
        this.training = training;
        this.model = model;
        this.snapshots = snapshots;
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
        return new DemoDataset(training, model, new WeatherReplay(days, model).snapshots(replay, outage));
    }

    public RainModel model() { return model; }

    public List<WeatherDay> training() { return training; }

    public List<ObjectNode> snapshots() { return snapshots; }

    /** One snapshot per line, ready for {@code vigil ingest} or {@code POST /api/v1/snapshots}. */
    public String snapshotsJsonl() {
        StringBuilder out = new StringBuilder();
        try {
            for (ObjectNode snapshot : snapshots) out.append(JSON.writeValueAsString(snapshot)).append('\n');
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

    /** Writes both files into {@code dir}; each appears whole or not at all (written aside, then moved into place). */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        replace(dir.resolve(SNAPSHOTS_FILE), snapshotsJsonl());
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
