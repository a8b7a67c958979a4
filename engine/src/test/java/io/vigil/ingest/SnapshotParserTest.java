package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.stats.FeatureSample;
import io.vigil.store.Labels;
import io.vigil.store.MetricSample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SnapshotParserTest {

    static SnapshotParser.Parsed parse(String json) {
        SnapshotParser.Result r = SnapshotParser.parse(json.getBytes(StandardCharsets.UTF_8), null);
        assertThat(r).isInstanceOf(SnapshotParser.Parsed.class);
        return (SnapshotParser.Parsed) r;
    }

    @Test
    void parsesTheInterfaceSpecExample() {
        String json = """
                {
                  "model": "churn",
                  "timestamp": "2026-11-26T10:00:00Z",
                  "labels": {"version": "3.2"},
                  "metrics": [
                    {"name": "accuracy", "labels": {"segment": "EU"}, "value": 0.91},
                    {"name": "conversion_rate", "value": 0.043}
                  ],
                  "distributions": [
                    {"feature": "income", "values": [52000.0, 61000.5, null]},
                    {"feature": "age", "histogram": {"edges": [0, 18, 30, 45, 65, 120], "counts": [3, 40, 51, 30, 6]}, "nulls": 2},
                    {"feature": "region", "categories": {"EU": 120, "US": 300, "APAC": 80}, "nulls": 0}
                  ]
                }""";
        SnapshotParser.Parsed p = parse(json);
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        assertThat(p.snapshots()).isEqualTo(1);
        assertThat(p.batch().samples()).extracting(s -> s.series().name(), s -> s.series().labels(), MetricSample::value,
                MetricSample::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple("accuracy", Labels.of("segment", "EU", "version", "3.2"), 0.91, t),
                org.assertj.core.groups.Tuple.tuple("conversion_rate", Labels.of("version", "3.2"), 0.043, t));
        assertThat(p.batch().distributions()).extracting(d -> d.feature(), d -> d.sample()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("income", new FeatureSample.Numeric(new double[] {52000.0, 61000.5}, 1)),
                org.assertj.core.groups.Tuple.tuple("age", new FeatureSample.Histogram(new double[] {0, 18, 30, 45, 65, 120},
                        new long[] {3, 40, 51, 30, 6}, 2)),
                org.assertj.core.groups.Tuple.tuple("region", new FeatureSample.Categorical(
                        Map.of("EU", 120L, "US", 300L, "APAC", 80L), 0)));
    }

    @Test
    void acceptsEpochMillisZoneOffsetsStaleMarkersAndArrays() {
        SnapshotParser.Parsed p = parse("""
                [{"model": "m", "timestamp": 1795687200000, "metrics": [{"name": "a", "stale": true}]},
                 {"model": "m", "timestamp": "2026-11-26T12:00:00+02:00", "metrics": [{"name": "a", "value": -1e-3, "stale": false}]},
                 {"model": "m", "timestamp": "2026-11-26T10:00:00.250Z"}]""");
        assertThat(p.snapshots()).isEqualTo(3);
        assertThat(p.batch().samples()).extracting(MetricSample::at, MetricSample::stale).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-11-26T10:00:00Z"), true),
                org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-11-26T10:00:00Z"), false));
        assertThat(p.batch().samples().get(1).value()).isEqualTo(-0.001);
    }

    @Test
    void defaultModelFillsInOnlyWhereTheSnapshotNamesNone() {
        String json = "[{\"timestamp\": 0, \"metrics\": [{\"name\": \"a\", \"value\": 1}]},"
                + " {\"model\": \"other\", \"timestamp\": 0, \"metrics\": [{\"name\": \"a\", \"value\": 1}]}]";
        var r = (SnapshotParser.Parsed) SnapshotParser.parse(json.getBytes(StandardCharsets.UTF_8), "churn");
        assertThat(r.batch().samples()).extracting(s -> s.series().model()).containsExactly("churn", "other");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.vigil.ingest.BadSnapshotCorpus#cases")
    void rejectsMalformedInputNamingTheField(BadSnapshotCorpus c) {
        SnapshotParser.Result r = SnapshotParser.parse(c.input(), null);
        assertThat(r).isInstanceOf(SnapshotParser.Rejected.class);
        assertThat(((SnapshotParser.Rejected) r).error()).isEqualTo(c.expectedError());
    }
}
