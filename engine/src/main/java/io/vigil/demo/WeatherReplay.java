package io.vigil.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Replays days through a {@link RainModel} and turns each day D into one snapshot (interfaces.md "Snapshot format").
 *
 * <p>The snapshot is stamped D 23:00 UTC: the day's observations are complete, and a daily rule evaluated at
 * midnight UTC sees exactly the snapshots of the days before it, with no sample on a window boundary.
 * It carries the business KPI known on the evening of D,
 * over the trailing {@value #WINDOW_DAYS} days D−29 … D (only days inside the replay count, so the window fills
 * up during the first month). Forecast quality is not in the snapshot: each forecast goes out as a
 * {@linkplain #predictions prediction} (with D's four inputs as features, one raw value each, which the drift
 * rules pool with {@code window=30d}) and the next evening's weather as its {@linkplain #outcomes outcome}, and
 * Vigil computes accuracy, recall and calibration from those, as of each evaluation.
 */
public final class WeatherReplay {
    public static final String MODEL = "rain";
    public static final int WINDOW_DAYS = 30;
    /** A "wet day" in climatology (WMO): at least 1 mm of rain. The KPI counts only these. */
    public static final double WET_DAY_MM = 1.0;
    private static final LocalTime STAMP = LocalTime.of(23, 0);

    private final List<WeatherDay> days;
    private final double[] probability;
    private final boolean[] forecastRain;
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    /** {@code days} are consecutive; forecasts come from {@code model}. */
    public WeatherReplay(List<WeatherDay> days, RainModel model) {
        this.days = List.copyOf(days);
        this.probability = new double[days.size()];
        this.forecastRain = new boolean[days.size()];
        for (int i = 0; i < days.size(); i++) {
            probability[i] = model.probability(days.get(i));
            forecastRain[i] = model.predictsRain(days.get(i));
        }
    }

    /**
     * One prediction per day D of {@code replay} outside {@code outage}: made on the evening of D (stamped D 23:00 UTC)
     * for D + 1, with D's four inputs as features, the probability of rain as {@code score} and the season of the day
     * forecast as label. Its id names the day forecast, which is how the outcome finds it.
     */
    public List<ObjectNode> predictions(DateRange replay, DateRange outage) {
        List<ObjectNode> out = new ArrayList<>();
        for (int k = indexOf(replay.first()); k <= indexOf(replay.last()); k++) {
            LocalDate day = days.get(k).date();
            if (outage != null && outage.contains(day)) continue;
            LocalDate forecast = day.plusDays(1);
            ObjectNode p = json.objectNode();
            p.put("model", MODEL);
            p.put("id", forecastId(forecast));
            p.put("timestamp", stamp(day));
            p.putObject("labels").put("season", Season.of(forecast).label());
            ObjectNode features = p.putObject("features");
            double[] inputs = RainModel.inputs(days.get(k));
            for (int j = 0; j < inputs.length; j++) features.put(RainModel.FEATURES.get(j), inputs[j]);
            p.put("score", probability[k]);
            out.add(p);
        }
        return out;
    }

    /**
     * The ground truth of each prediction: whether the day forecast had rain, known on that day's evening (D 23:00 UTC,
     * a day after the prediction). None for a day of the outage (nothing is sent) or for a forecast never made.
     */
    public List<ObjectNode> outcomes(DateRange replay, DateRange outage) {
        List<ObjectNode> out = new ArrayList<>();
        for (int k = indexOf(replay.first()) + 1; k <= indexOf(replay.last()); k++) {
            LocalDate day = days.get(k).date();
            boolean sent = outage == null || !outage.contains(day);
            boolean predicted = outage == null || !outage.contains(day.minusDays(1));
            if (!sent || !predicted) continue;
            ObjectNode o = json.objectNode();
            o.put("model", MODEL);
            o.put("id", forecastId(day));
            o.put("timestamp", stamp(day));
            o.put("actual", days.get(k).rained());
            out.add(o);
        }
        return out;
    }

    /** The id of the forecast for {@code day}: one forecast per day, so the day is the key. */
    public static String forecastId(LocalDate day) { return "rain-" + day; }

    private static String stamp(LocalDate day) {
        return day.atTime(STAMP).atOffset(ZoneOffset.UTC).toInstant().toString();
    }

    /** One snapshot per day of {@code replay}, in order, leaving out the days of {@code outage} (may be null). */
    public List<ObjectNode> snapshots(DateRange replay, DateRange outage) {
        int start = indexOf(replay.first());
        int end = indexOf(replay.last());
        if (start < 1) throw new IllegalArgumentException("the replay must start after the first day of data, "
                + days.get(0).date() + ", whose forecast has no day before it");
        List<ObjectNode> out = new ArrayList<>();
        for (int k = start; k <= end; k++) {
            if (outage == null || !outage.contains(days.get(k).date())) out.add(snapshot(start, k));
        }
        return out;
    }

    private ObjectNode snapshot(int start, int k) {
        LocalDate day = days.get(k).date();
        ObjectNode snapshot = json.objectNode();
        snapshot.put("model", MODEL);
        snapshot.put("timestamp", stamp(day));
        ArrayNode metrics = snapshot.putArray("metrics");
        int from = Math.max(start, k - WINDOW_DAYS + 1);
        int forecasts = 0;
        for (int i = from; i <= k; i++) forecasts += forecastRain[i] ? 1 : 0;
        metric(metrics, "prediction_rate", (double) forecasts / (k - from + 1));
        kpi(metrics, from, k);
        return snapshot;
    }

    /** The KPI {@code rain_days_caught}: share of wet days (≥ 1 mm) that had been forecast; with {@code wet_days}, its sample count. */
    private void kpi(ArrayNode metrics, int from, int k) {
        Confusion wet = Confusion.EMPTY;
        for (int t = from; t <= k; t++) {
            if (days.get(t).precipitation() >= WET_DAY_MM) wet = wet.plus(forecastRain[t - 1], true);
        }
        count(metrics, "wet_days", wet.total());
        metric(metrics, "rain_days_caught", wet.recall());
    }

    private void metric(ArrayNode metrics, String name, OptionalDouble value) {
        if (value.isPresent()) metric(metrics, name, value.getAsDouble());
    }

    private void metric(ArrayNode metrics, String name, double value) {
        metrics.addObject().put("name", name).put("value", value);
    }

    /** Counts are written as JSON integers, so the file reads as what it is. */
    private void count(ArrayNode metrics, String name, int value) {
        metrics.addObject().put("name", name).put("value", value);
    }

    private int indexOf(LocalDate date) {
        long offset = date.toEpochDay() - days.get(0).date().toEpochDay();
        if (offset < 0 || offset >= days.size()) {
            throw new IllegalArgumentException(date + " is outside the data, " + days.get(0).date() + ".."
                    + days.get(days.size() - 1).date());
        }
        return (int) offset;
    }
}
