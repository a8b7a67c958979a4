package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDatasetTest {
    @TempDir Path dir;

    @Test
    void theCommittedBaselineIsThe2012RowsOfTheWeatherFileInBaselineColumnOrder() throws IOException {
        List<String> committed = Files.readAllLines(WeatherFixture.QUICKSTART.resolve("data/baseline-2012.csv"));
        // straight from the source file's text: date,precipitation,temp_max,temp_min,wind,weather
        List<String> expected = new ArrayList<>(List.of("temp_max,temp_min,wind,precipitation"));
        for (String line : Files.readAllLines(WeatherFixture.CSV)) {
            String[] c = line.split(",");
            if (c[0].startsWith("2012-")) expected.add(c[2] + "," + c[3] + "," + c[4] + "," + c[1]);
        }
        assertThat(expected).hasSize(1 + 366);
        assertThat(committed).containsExactlyElementsOf(expected);
        assertThat(DemoDataset.of(WeatherFixture.days(), DateRange.parse(DemoDataset.REPLAY), null).baselineCsv().lines()).containsExactlyElementsOf(committed);
    }

    @Test
    void demoDataWritesEveryFileDeterministically() throws IOException {
        Path first = dir.resolve("a");
        Path second = dir.resolve("b");
        assertThat(CliRun.of("demo-data", "--out", first.toString(), "--weather", WeatherFixture.CSV.toString()).code()).isZero();
        CliRun out = CliRun.of("demo-data", "--out", second.toString(), "--weather", WeatherFixture.CSV.toString());
        assertThat(out.code()).isZero();
        assertThat(out.stdout()).contains("rain-snapshots.jsonl (1090 snapshots, 2013-01-01..2015-12-31, feed outage 2013-04-15..2013-04-19)")
                .contains("rain-predictions.jsonl (1090 predictions)")
                .contains("rain-outcomes.jsonl (1088 outcomes)")
                .contains("baseline-2012.csv (366 rows)");
        for (String file : List.of("rain-snapshots.jsonl", "rain-predictions.jsonl", "rain-outcomes.jsonl",
                "baseline-2012.csv")) {
            assertThat(Files.readAllBytes(second.resolve(file))).as(file).isEqualTo(Files.readAllBytes(first.resolve(file)));
        }
        List<String> lines = Files.readAllLines(first.resolve("rain-snapshots.jsonl"));
        assertThat(lines).hasSize(1090);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) assertThat(json.readTree(line).get("model").asText()).isEqualTo("rain");
        try (var files = Files.list(first)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary files left behind")
                    .containsExactlyInAnyOrder("rain-snapshots.jsonl", "rain-predictions.jsonl", "rain-outcomes.jsonl",
                            "baseline-2012.csv");
        }
    }

    @Test
    void outageNoneKeepsEveryDay() throws IOException {
        CliRun out = CliRun.of("demo-data", "--out", dir.toString(), "--weather", WeatherFixture.CSV.toString(), "--outage", "none");
        assertThat(out.code()).isZero();
        assertThat(Files.readAllLines(dir.resolve("rain-snapshots.jsonl"))).hasSize(1095);
    }

    @Test
    void aShorterReplayForCiStopsWhereAsked() throws IOException {
        CliRun out = CliRun.of("demo-data", "--out", dir.toString(), "--weather", WeatherFixture.CSV.toString(),
                "--replay", "2013-01-01..2013-07-31");
        assertThat(out.code()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("rain-snapshots.jsonl"));
        assertThat(lines).hasSize(212 - 5);
        assertThat(lines.get(lines.size() - 1)).contains("\"timestamp\":\"2013-07-31T23:00:00Z\"");
        CliRun overlap = CliRun.of("demo-data", "--out", dir.resolve("x").toString(), "--weather", WeatherFixture.CSV.toString(),
                "--replay", "2012-12-01..2013-01-31");
        assertThat(overlap.code()).isEqualTo(2);
        assertThat(overlap.stderr()).contains("the replay 2012-12-01..2013-01-31 must start after the training year 2012-01-01..2012-12-31");
    }

    @Test
    void badInputExitsTwoWithAMessageAndWritesNothing() {
        CliRun missing = CliRun.of("demo-data", "--out", dir.toString(), "--weather", dir.resolve("nope.csv").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.stderr()).contains("nope.csv: no such file");
        CliRun range = CliRun.of("demo-data", "--out", dir.toString(), "--weather", WeatherFixture.CSV.toString(), "--outage", "2013-04-15");
        assertThat(range.code()).isEqualTo(2);
        assertThat(range.stderr()).contains("'2013-04-15' is not a date range FIRST..LAST");
        assertThat(dir.resolve("rain-snapshots.jsonl")).doesNotExist();
        assertThat(CliRun.of("demo-data").code()).as("--out is required").isEqualTo(2);
    }
}
