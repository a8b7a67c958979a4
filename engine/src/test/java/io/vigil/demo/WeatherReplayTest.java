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

    @BeforeAll
    static void replay() {
        RainModel model = RainModel.fit(WeatherFixture.days().stream().filter(d -> d.date().getYear() == 2012).toList());
        snapshots = new WeatherReplay(WeatherFixture.days(), model).snapshots(DateRange.parse(DemoDataset.REPLAY), OUTAGE);
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
    void distributionsCarryTheDaysFourInputsAsRawValues() {
        JsonNode d = at("2014-07-15").get("distributions");
        WeatherDay day = WeatherFixture.day("2014-07-15");
        assertThat(d).hasSize(4);
        assertThat(values(d)).containsExactlyInAnyOrderEntriesOf(Map.of("precipitation", day.precipitation(),
                "temp_max", day.tempMax(), "temp_min", day.tempMin(), "wind", day.wind()));
    }

    /** Expected values: an independent NumPy replay of the same definitions (trailing 30 days, from 2013-01-01). */
    @Test
    void seasonMetricsMatchTheNumPyReplay() {
        ObjectNode transition = at("2013-03-15");  // 15 winter days (Feb 14–28) and 15 spring days in the window
        assertThat(metric(transition, "samples", "winter")).isEqualTo(15);
        assertThat(metric(transition, "accuracy", "winter")).isCloseTo(10.0 / 15, within(1e-12));
        assertThat(metric(transition, "recall", "winter")).isCloseTo(8.0 / 9, within(1e-12));
        assertThat(metric(transition, "samples", "spring")).isEqualTo(15);
        assertThat(metric(transition, "accuracy", "spring")).isCloseTo(0.8, within(1e-12));
        assertThat(metric(transition, "precision", "spring")).isCloseTo(0.8, within(1e-12));
        assertThat(metric(transition, "rain_days_caught", null)).isCloseTo(12.0 / 13, within(1e-12));
        assertThat(metric(transition, "wet_days", null)).isEqualTo(13);
        assertThat(metric(transition, "prediction_rate", null)).isCloseTo(22.0 / 30, within(1e-12));

        ObjectNode winter = at("2014-01-01");
        assertThat(metric(winter, "samples", "winter")).isEqualTo(30);
        assertThat(metric(winter, "accuracy", "winter")).isCloseTo(0.4, within(1e-12));
        assertThat(metric(winter, "recall", "winter")).isEqualTo(1.0);
        assertThat(metric(winter, "prediction_rate", null)).isEqualTo(1.0);
        assertThat(metric(winter, "samples", "autumn")).as("no autumn day in the window").isNull();
    }

    @Test
    void undefinedRatiosAreLeftOutNotWrittenAsZero() {
        ObjectNode drySummer = at("2015-07-15");  // no rain forecast, no wet day in 30 days
        assertThat(metric(drySummer, "accuracy", "summer")).isCloseTo(28.0 / 30, within(1e-12));
        assertThat(metric(drySummer, "precision", "summer")).isNull();
        assertThat(metric(drySummer, "recall", "summer")).isEqualTo(0.0);
        assertThat(metric(drySummer, "wet_days", null)).isEqualTo(0);
        assertThat(metric(drySummer, "rain_days_caught", null)).isNull();
    }

    @Test
    void windowsFillUpDuringTheFirstMonth() {
        ObjectNode third = at("2013-01-03");
        assertThat(metric(third, "samples", "winter")).isEqualTo(3);
        assertThat(metric(third, "accuracy", "winter")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(metric(at("2013-01-30"), "samples", "winter")).isEqualTo(30);
        assertThat(metric(at("2013-02-10"), "samples", "winter")).isEqualTo(30);
    }

    @Test
    void everyValueIsAFiniteNumberAsTheSnapshotFormatRequires() {
        List<String> bad = new ArrayList<>();
        for (ObjectNode s : snapshots) {
            Instant.parse(s.get("timestamp").asText());
            for (JsonNode m : s.get("metrics")) {
                if (!m.get("value").isNumber() || !Double.isFinite(m.get("value").asDouble())) bad.add(s.get("timestamp") + " " + m);
            }
            for (JsonNode d : s.get("distributions")) {
                for (JsonNode v : d.get("values")) if (!v.isNumber() || !Double.isFinite(v.asDouble())) bad.add(s.get("timestamp") + " " + d);
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

    private static Map<String, Double> values(JsonNode distributions) {
        Map<String, Double> out = new HashMap<>();
        for (JsonNode d : distributions) {
            assertThat(d.get("values")).hasSize(1);
            out.put(d.get("feature").asText(), d.get("values").get(0).asDouble());
        }
        return out;
    }
}
