package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.vigil.store.Batch;
import io.vigil.store.Labels;
import io.vigil.store.MetricSample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSONL and long-form CSV readers of {@code vigil ingest}. */
class MetricFilesTest {
    static final String GOOD_LINE = "{\"model\":\"churn\",\"timestamp\":\"2026-11-26T10:00:00Z\",\"metrics\":[{\"name\":\"a\",\"value\":1}]}";

    @TempDir Path dir;

    Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    List<MetricSample> read(Path f, String defaultModel) throws InputFileException {
        List<MetricSample> out = new ArrayList<>();
        MetricFileReader.forFile(f).read(f, defaultModel, b -> out.addAll(b.samples()), lines -> {});
        return out;
    }

    @Test
    void readsLongFormCsvWithLabelsStaleMarkersAndEitherTimeFormat() throws Exception {
        Path f = file("m.csv", """
                timestamp,model,metric,value,segment,region
                2026-11-26T10:00:00Z,churn,accuracy,0.91,EU,west

                1795687500000,churn,accuracy,stale,EU,west
                2026-11-26T10:10:00+01:00,churn,latency_ms,-1.5e2,,
                """);
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        assertThat(read(f, null)).extracting(s -> s.series().name(), s -> s.series().labels(), MetricSample::at,
                MetricSample::stale, MetricSample::value).containsExactly(
                tuple("accuracy", Labels.of("region", "west", "segment", "EU"), t, false, 0.91),
                tuple("accuracy", Labels.of("region", "west", "segment", "EU"), t.plusSeconds(300), true, Double.NaN),
                tuple("latency_ms", Labels.EMPTY, Instant.parse("2026-11-26T09:10:00Z"), false, -150.0));
    }

    @Test
    void csvModelColumnMayBeLeftOutWithADefaultModel() throws Exception {
        Path f = file("m.csv", "timestamp,metric,value\n2026-11-26T10:00:00Z,accuracy,1\n");
        assertThat(read(f, "churn")).extracting(s -> s.series().model()).containsExactly("churn");
        assertThatThrownBy(() -> read(f, null)).hasMessage(f + ":1: expected the header "
                + "timestamp,model,metric,value[,label columns...]; found timestamp,metric,value");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong header          | time,model,metric,value                      | 1 | expected the header timestamp,model,metric,value[,label columns...]; found time,model,metric,value
            bad label column      | timestamp,model,metric,value,my-label        | 1 | header: 'my-label' is not a valid label name; use letters, digits and _, not starting with a digit
            reserved label column | timestamp,model,metric,value,model           | 1 | header: the label name 'model' is reserved; the snapshot's model sets it
            NaN value             | timestamp,model,metric,value\\n2026-11-26T10:00:00Z,churn,a,1\\n2026-11-26T10:00:00Z,churn,a,NaN | 3 | value: 'NaN' is not a finite number
            text value            | timestamp,model,metric,value\\n2026-11-26T10:00:00Z,churn,a,high   | 2 | value: 'high' is not a number (or 'stale')
            too few cells         | timestamp,model,metric,value\\n2026-11-26T10:00:00Z,churn,a        | 2 | expected 4 columns, found 3
            no time zone          | timestamp,model,metric,value\\n2026-11-26T10:00:00,churn,a,1       | 2 | timestamp: '2026-11-26T10:00:00' is not a time (it has no time zone); expected ISO-8601 with a zone, e.g. 2026-11-26T10:00:00Z, or epoch milliseconds
            bad metric name       | timestamp,model,metric,value\\n2026-11-26T10:00:00Z,churn,a b,1    | 2 | metric: 'a b' is not a valid metric name; use letters, digits and _, not starting with a digit
            empty model           | timestamp,model,metric,value\\n2026-11-26T10:00:00Z,,a,1           | 2 | model: model is empty
            """)
    void aBadCsvLineRejectsTheFileNamingTheLine(String name, String content, int line, String message) throws Exception {
        Path f = file("bad.csv", content.replace("\\n", "\n") + "\n");
        assertThatThrownBy(() -> read(f, null)).isInstanceOf(InputFileException.class)
                .hasMessage(f + ":" + line + ": " + message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.vigil.ingest.BadSnapshotCorpus#cases")
    void aBadJsonlLineRejectsTheFileNamingTheLineAndField(BadSnapshotCorpus c) throws Exception {
        String expected = c.expectedError().toString();
        if (expected.contains("malformed JSON") || expected.contains("body is empty")) return; // positions differ per line
        Path f = file("bad.jsonl", GOOD_LINE + "\n" + new String(c.input(), StandardCharsets.UTF_8).strip() + "\n");
        assertThatThrownBy(() -> read(f, null)).isInstanceOf(InputFileException.class).hasMessage(f + ":2: " + expected);
    }

    @Test
    void truncatedJsonlLineIsReportedByLineAndColumn() throws Exception {
        String truncated = "{\"model\":\"churn\",\"timestamp\":0,\"metrics\":[{\"name\":\"a\",\"value\":1}";
        Path f = file("t.jsonl", GOOD_LINE + "\n\n" + truncated + "\n" + GOOD_LINE + "\n");
        // The line is 64 characters long: the input ends at column 65.
        assertThatThrownBy(() -> read(f, null)).hasMessage(f + ":3: metrics[0]: malformed JSON at column 65: "
                + "Unexpected end-of-input: expected close marker for Array");
    }

    @Test
    void jsonlBatchesAreHandedOnInFileOrder() throws Exception {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 12_000; i++) {
            content.append("{\"model\":\"m\",\"timestamp\":").append(i).append(",\"metrics\":[{\"name\":\"a\",\"value\":")
                    .append(i).append("}]}\n");
        }
        Path f = file("big.jsonl", content.toString());
        List<Batch> batches = new ArrayList<>();
        var summary = MetricFileReader.forFile(f).read(f, null, batches::add, lines -> {});
        assertThat(summary.lines()).isEqualTo(12_000);
        assertThat(summary.samples()).isEqualTo(12_000);
        assertThat(batches).extracting(b -> b.samples().size()).containsExactly(5000, 5000, 2000);
        assertThat(batches.get(2).samples().get(1999).value()).isEqualTo(11_999);
    }

    @Test
    void unknownFileTypesAreRefused() {
        assertThatThrownBy(() -> MetricFileReader.forFile(dir.resolve("m.json"))).hasMessage(dir.resolve("m.json")
                + ": unknown file type; expected .jsonl (one snapshot per line) or .csv (timestamp,model,metric,value[,label columns...])");
    }
}
