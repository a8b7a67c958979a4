package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vigil.demo.DailyRule.Transition;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alerts the quickstart's rules (examples/quickstart/rules) should raise on the replayed snapshots, computed in
 * plain Java with the window and lifecycle semantics of language.md, evaluated daily at 00:00 UTC from
 * 2013-01-02 (the first evaluation that can see a snapshot) to 2016-01-01. The printed timeline is the README's.
 * Quality rules use the as-of join of predictions.md §2 written out in {@link PredictionHistory}.
 * Not covered: precipitation_drift (its KS p-values are the engine's own statistics; see the README), and
 * calibration_off and estimated_accuracy_low, whose statistics are checked against scikit-learn elsewhere.
 */
class ExpectedAlertsTest {
    private static final LocalDate FIRST = LocalDate.of(2013, 1, 2);
    private static final LocalDate LAST = LocalDate.of(2016, 1, 1);
    private static SnapshotHistory history;
    private static PredictionHistory predictions;
    private static double[][] baseline;
    private static final List<Transition> ALL = new ArrayList<>();

    @BeforeAll
    static void replay() {
        DemoDataset data = DemoDataset.of(WeatherFixture.days(), DateRange.parse(DemoDataset.REPLAY),
                DateRange.parse(DemoDataset.DEFAULT_OUTAGE));
        history = new SnapshotHistory(data.snapshots());
        predictions = new PredictionHistory(data.predictions(), data.outcomes());
        baseline = RainModel.FEATURES.stream()
                .map(f -> data.training().stream().mapToDouble(d -> RainModel.inputs(d)[RainModel.FEATURES.indexOf(f)]).toArray())
                .toArray(double[][]::new);
    }

    @Test
    void feedMissingFiresTwoDaysIntoTheOutageAndResolvesAfterTheFirstSnapshotBack() throws IOException {
        assertRule("feed.vigil", "every 1d", "when absent(prediction_rate, 2d)");
        List<Transition> t = run(new DailyRule("feed_missing", 0, 0),
                at -> history.any(at, 2) ? Map.of() : Map.of("{}", 1.0));
        assertThat(t).extracting(Transition::at, Transition::state).containsExactly(
                tuple(LocalDate.of(2013, 4, 17), "firing"), tuple(LocalDate.of(2013, 4, 21), "resolved"));
    }

    @Test
    void seasonAccuracyFiresEveryWinterAndNeverInSummer() throws IOException {
        assertRule("performance.vigil", "every 1d",
                "when accuracy(window=30d) by (season) < 0.6 and labelled(window=30d) by (season) >= 20", "for 7d",
                "keep_firing_for 7d");
        List<Transition> t = run(new DailyRule("season_accuracy_low", 7, 7), at -> {
            Map<String, Double> out = new TreeMap<>();
            Map<String, int[]> bySeason = new TreeMap<>();  // right, labelled
            for (PredictionHistory.Pair p : predictions.window(at, 30)) {
                if (p.actual() == null) continue;
                int[] c = bySeason.computeIfAbsent(p.season(), k -> new int[2]);
                c[1]++;
                if (p.predicted() == p.actual()) c[0]++;
            }
            bySeason.forEach((season, c) -> {
                double accuracy = (double) c[0] / c[1];
                if (accuracy < 0.6 && c[1] >= 20) out.put(label("season", season), accuracy);
            });
            return out;
        });
        for (String day : List.of("2013-02-01", "2014-01-15", "2015-01-15")) {  // one day inside each winter
            assertThat(firingOn(t, "{season=winter}", LocalDate.parse(day))).as("winter alert firing on " + day).isTrue();
        }
        assertThat(t).filteredOn(x -> x.instance().contains("summer")).isEmpty();
        assertThat(t).filteredOn(x -> x.state().equals("firing")).allSatisfy(x -> assertThat(x.value()).isLessThan(0.6));
    }

    @Test
    void recallsUpperBoundFallsBelowHalfEverySummer() throws IOException {
        assertRule("performance.vigil", "when recall(window=60d, bound=upper) < 0.5", "for 7d");
        double z = 1.959963984540054;  // the 97.5% normal quantile: a two-sided 95% interval
        List<Transition> t = run(new DailyRule("rain_recall_low", 7, 0), at -> {
            int caught = 0;
            int rainy = 0;
            for (PredictionHistory.Pair p : predictions.window(at, 60)) {
                if (p.actual() == null || !p.actual()) continue;
                rainy++;
                if (p.predicted()) caught++;
            }
            if (rainy == 0) return Map.of();
            double r = (double) caught / rainy;
            double n = rainy;
            double upper = (r + z * z / (2 * n) + z * Math.sqrt(r * (1 - r) / n + z * z / (4 * n * n))) / (1 + z * z / n);
            return upper < 0.5 ? Map.of("{}", upper) : Map.of();
        });
        for (int year = 2013; year <= 2015; year++) {
            int y = year;
            assertThat(t).as("summer %d", y).anyMatch(x -> x.state().equals("firing") && x.at().getYear() == y
                    && Season.of(x.at()) != Season.WINTER);
        }
        assertThat(t).filteredOn(x -> x.state().equals("firing")).noneMatch(x -> Season.of(x.at()) == Season.WINTER);
    }

    @Test
    void temperatureRegimeFiresEverySummerForTheTemperaturesOnly() throws IOException {
        assertRule("drift.vigil", "every 1d", "when wasserstein(feature=*, window=30d) > 1.2", "for 7d");
        List<Transition> t = run(new DailyRule("temperature_regime", 7, 0), at -> {
            Map<String, Double> out = new TreeMap<>();
            for (int f = 0; f < baseline.length; f++) {
                double[] current = predictions.feature(at, 30, RainModel.FEATURES.get(f));
                if (current.length == 0) continue;
                double w = SeasonalShiftTest.normalisedWasserstein(baseline[f], current);
                if (w > 1.2) out.put(label("feature", RainModel.FEATURES.get(f)), w);
            }
            return out;
        });
        for (int year = 2013; year <= 2015; year++) {
            assertThat(firingOn(t, "{feature=temp_max}", LocalDate.of(year, 8, 15))).as("summer %d", year).isTrue();
            assertThat(firingOn(t, "{feature=temp_max}", LocalDate.of(year, 5, 1))).as("spring %d", year).isFalse();
            assertThat(firingOn(t, "{feature=temp_max}", LocalDate.of(year, 11, 1))).as("autumn %d", year).isFalse();
        }
        assertThat(t).extracting(Transition::instance).containsOnly("{feature=temp_max}", "{feature=temp_min}");
    }

    @Test
    void theKpiDropAndTheRetrainingTriggerFireEveryYear() throws IOException {
        assertRule("kpi.vigil", "every 1d", "when change(rain_days_caught, 30d) < -30% and wet_days >= 5", "for 7d");
        assertRule("retrain.vigil", "every 1d", "when rain_days_caught < 0.5 and wet_days >= 8", "for 14d",
                "trigger retrain_rain cooldown 30d approval required");
        List<Transition> drop = run(new DailyRule("rain_days_caught_drop", 7, 0), at -> {
            List<Double> recent = history.values(at, 0, 30, "rain_days_caught");
            List<Double> before = history.values(at, 30, 60, "rain_days_caught");
            Double wet = history.latest(at, "wet_days", null);
            if (recent.isEmpty() || before.isEmpty() || wet == null) return Map.of();
            double b = mean(before);
            double change = (mean(recent) - b) / Math.abs(b);
            return change < -0.30 && wet >= 5 ? Map.of("{}", change) : Map.of();
        });
        List<Transition> retrain = run(new DailyRule("retrain_needed", 14, 0), at -> {
            Double caught = history.latest(at, "rain_days_caught", null);
            Double wet = history.latest(at, "wet_days", null);
            return caught != null && wet != null && caught < 0.5 && wet >= 8 ? Map.of("{}", caught) : Map.of();
        });
        for (int year = 2013; year <= 2015; year++) {
            int y = year;
            assertThat(drop).as("KPI drop in %d", y).anyMatch(x -> x.state().equals("firing") && x.at().getYear() == y);
            assertThat(retrain).as("retraining asked in %d", y).anyMatch(x -> x.state().equals("firing") && x.at().getYear() == y);
        }
        assertThat(retrain).filteredOn(x -> x.state().equals("firing"))
                .as("never in winter, when the model forecasts rain almost every day")
                .noneMatch(x -> Season.of(x.at()) == Season.WINTER);
    }

    @AfterAll
    static void printTimeline() {
        System.out.println("Expected transitions (daily evaluation at 00:00 UTC):");
        ALL.stream().sorted(Comparator.comparing(Transition::at).thenComparing(Transition::rule)).forEach(System.out::println);
    }

    private static List<Transition> run(DailyRule rule, Function<LocalDate, Map<String, Double>> condition) {
        List<Transition> t = rule.run(FIRST, LAST, condition);
        synchronized (ALL) {
            ALL.addAll(t);
        }
        return t;
    }

    /** Whether {@code instance} is firing after the evaluation of {@code day}. */
    private static boolean firingOn(List<Transition> transitions, String instance, LocalDate day) {
        return transitions.stream().filter(x -> x.instance().equals(instance) && !x.at().isAfter(day))
                .reduce((a, b) -> b).map(x -> x.state().equals("firing")).orElse(false);
    }

    /** Keeps this simulation honest: the rule file must still say what is simulated here. */
    private static void assertRule(String file, String... clauses) throws IOException {
        assertThat(Files.readString(WeatherFixture.QUICKSTART.resolve("rules").resolve(file))).as(file).contains(clauses);
    }

    private static String label(String name, String value) { return "{" + name + "=" + value + "}"; }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

}
