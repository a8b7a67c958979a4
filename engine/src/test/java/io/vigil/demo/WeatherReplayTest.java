package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WeatherReplayTest {
    private static final DateRange OUTAGE = DateRange.parse("2013-04-15..2013-04-19");
    private static List<ObjectNode> snapshots;
    private static RainModel model;
    private static WeatherReplay replay;

    @BeforeAll
    static void replay() {
        model = RainModel.fit(WeatherFixture.days().stream().filter(d -> d.date().getYear() == 2012).toList());
        replay = new WeatherReplay(WeatherFixture.days(), model);
        snapshots = replay.snapshots(DateRange.parse(DemoDataset.REPLAY), OUTAGE);
    }

    @Test
    void oneSnapshotPerDayAt2300UtcExceptDuringTheOutage() {
        assertThat(snapshots).hasSize(1095 - 5);
        assertThat(snapshots.get(0).get("timestamp").asText()).isEqualTo("2013-01-01T23:00:00Z");
        assertThat(snapshots.get(snapshots.size() - 1).get("timestamp").asText()).isEqualTo("2015-12-31T23:00:00Z");
        assertThat(at("2013-04-14")).isNotNull();
        for (String day : List.of("2013-04-15", "2013-04-17", "2013-04-19")) assertThat(at(day)).as(day).isNull();
        assertThat(at("2013-04-20")).isNotNull();
        assertThat(snapshots).allSatisfy(s -> assertThat(s.get("model").asText()).isEqualTo("rain"));
    }

    @Test
    void theDaysFourInputsTravelAsTheForecastsFeaturesNotInTheSnapshot() {
        WeatherDay day = WeatherFixture.day("2014-07-15");
        ObjectNode p = replay.predictions(DateRange.parse(DemoDataset.REPLAY), OUTAGE).stream()
                .filter(x -> x.get("timestamp").asText().equals("2014-07-15T23:00:00Z")).findFirst().orElseThrow();
        Map<String, Double> features = new HashMap<>();
        p.get("features").properties().forEach(e -> features.put(e.getKey(), e.getValue().asDouble()));
        assertThat(features).containsExactlyInAnyOrderEntriesOf(Map.of("precipitation", day.precipitation(),
                "temp_max", day.tempMax(), "temp_min", day.tempMin(), "wind", day.wind()));
        assertThat(at("2014-07-15").has("distributions")).as("one copy of each value: the prediction's").isFalse();
    }

    /** Expected values: an independent NumPy replay of the same definitions (trailing 30 days, from 2013-01-01). */
    @Test
    void theKpiMatchesTheNumPyReplay() {
        ObjectNode transition = at("2013-03-15");
        assertThat(metric(transition, "rain_days_caught", null)).isCloseTo(12.0 / 13, within(1e-12));
        assertThat(metric(transition, "wet_days", null)).isEqualTo(13);
        assertThat(metric(transition, "prediction_rate", null)).isCloseTo(22.0 / 30, within(1e-12));
        assertThat(metric(at("2014-01-01"), "prediction_rate", null)).isEqualTo(1.0);
        assertThat(metric(transition, "accuracy", "winter")).as("quality is computed by Vigil from predictions").isNull();
    }

    @Test
    void undefinedRatiosAreLeftOutNotWrittenAsZero() {
        ObjectNode drySummer = at("2015-07-15");  // no rain forecast, no wet day in 30 days
        assertThat(metric(drySummer, "wet_days", null)).isEqualTo(0);
        assertThat(metric(drySummer, "rain_days_caught", null)).isNull();
    }

    @Test
    void eachEveningsForecastIsAPredictionForTheNextDayWithTheDaysInputs() {
        List<ObjectNode> p = replay.predictions(DateRange.parse(DemoDataset.REPLAY), OUTAGE);
        assertThat(p).hasSize(1095 - 5);
        ObjectNode first = p.get(0);
        assertThat(first.get("id").asText()).isEqualTo("rain-2013-01-02");
        assertThat(first.get("timestamp").asText()).isEqualTo("2013-01-01T23:00:00Z");
        assertThat(first.get("labels").get("season").asText()).isEqualTo("winter");
        WeatherDay day = WeatherFixture.day("2013-01-01");
        assertThat(first.get("features").get("temp_max").asDouble()).isEqualTo(day.tempMax());
        assertThat(first.get("score").asDouble()).isEqualTo(model.probability(day));
        // the forecast made on the last evening of February is for a spring day
        ObjectNode feb28 = p.stream().filter(x -> x.get("timestamp").asText().equals("2013-02-28T23:00:00Z")).findFirst().orElseThrow();
        assertThat(feb28.get("labels").get("season").asText()).isEqualTo("spring");
        assertThat(p).noneMatch(x -> x.get("timestamp").asText().startsWith("2013-04-17"));
    }

    @Test
    void eachDaysWeatherIsTheOutcomeOfTheForecastMadeTheEveningBefore() {
        List<ObjectNode> o = replay.outcomes(DateRange.parse(DemoDataset.REPLAY), OUTAGE);
        ObjectNode first = o.get(0);
        assertThat(first.get("id").asText()).isEqualTo("rain-2013-01-02");
        assertThat(first.get("timestamp").asText()).isEqualTo("2013-01-02T23:00:00Z");
        assertThat(first.get("actual").asBoolean()).isEqualTo(WeatherFixture.day("2013-01-02").rained());
        // outage 04-15..04-19: nothing is sent on those days, and the forecast for 04-20 was never made
        assertThat(o).extracting(x -> x.get("id").asText())
                .doesNotContain("rain-2013-04-15", "rain-2013-04-19", "rain-2013-04-20")
                .contains("rain-2013-04-14", "rain-2013-04-21");
        // 1,095 days; none for the first (its forecast was made in 2012), 5 outage days and the day after
        assertThat(o).hasSize(1095 - 1 - 5 - 1);
    }

    @Test
    void everyValueIsAFiniteNumberAsTheSnapshotFormatRequires() {
        List<String> bad = new ArrayList<>();
        for (ObjectNode s : snapshots) {
            Instant.parse(s.get("timestamp").asText());
            for (JsonNode m : s.get("metrics")) {
                if (!m.get("value").isNumber() || !Double.isFinite(m.get("value").asDouble())) bad.add(s.get("timestamp") + " " + m);
            }
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void theReplayNeedsTheDayBeforeItsFirstDay() {
        RainModel model = RainModel.fit(WeatherFixture.days().subList(0, 366));
        WeatherReplay replay = new WeatherReplay(WeatherFixture.days(), model);
        assertThatThrownBy(() -> replay.snapshots(DateRange.parse("2012-01-01..2012-02-01"), null))
                .hasMessageContaining("must start after the first day of data, 2012-01-01");
        assertThatThrownBy(() -> replay.snapshots(DateRange.parse("2015-12-01..2016-01-31"), null))
                .hasMessage("2016-01-31 is outside the data, 2012-01-01..2015-12-31");
    }

    private static ObjectNode at(String isoDate) {
        String stamp = LocalDate.parse(isoDate) + "T23:00:00Z";
        return snapshots.stream().filter(s -> s.get("timestamp").asText().equals(stamp)).findFirst().orElse(null);
    }

    private static Double metric(JsonNode snapshot, String name, String season) {
        return SnapshotHistory.value(snapshot, name, season);
    }
}
