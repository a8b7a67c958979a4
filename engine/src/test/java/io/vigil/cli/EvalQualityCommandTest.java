package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.store.Batch;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.Labels;
import io.vigil.store.Outcome;
import io.vigil.store.Prediction;
import io.vigil.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil eval} on quality rules: values as of --at, labels of by (...), and what the explanation says. */
class EvalQualityCommandTest {
    @TempDir Path dir;

    private static final Instant T = Instant.parse("2026-11-27T00:00:00Z");

    @Test
    void printsQualityValuesWithTheirExplanation() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("vigil");
        try (JdbcMetricStore store = JdbcMetricStore.open(StoreSettings.of(url))) {
            Instant p = Instant.parse("2026-11-26T10:00:00Z");
            store.write(Batch.ofPredictions(List.of(
                    Prediction.binary("churn", "a", p, Labels.of("segment", "EU"), 0.9, null),
                    Prediction.binary("churn", "b", p, Labels.of("segment", "EU"), 0.4, null),
                    Prediction.binary("churn", "c", p, Labels.of("segment", "US"), 0.8, null),
                    Prediction.binary("churn", "d", p, Labels.of("segment", "US"), 0.7, null))));
            store.write(Batch.ofOutcomes(List.of(
                    Outcome.ofClass("churn", "a", p.plusSeconds(3600), "churn"),
                    Outcome.ofClass("churn", "b", p.plusSeconds(3600), "churn"),
                    Outcome.ofClass("churn", "c", p.plusSeconds(7200), "stay"),
                    Outcome.ofClass("churn", "d", T.plusSeconds(1), "stay"))));  // known after --at
        }
        Path rules = dir.resolve("churn.vigil");
        Files.writeString(rules, """
                model churn {
                  every 1d
                  notify team
                  rule segment_accuracy { when accuracy(window=1d) by (segment) <= 0.5 }
                  rule recall_low { when recall(window=1d, bound=lower) < 0.9 }
                }
                """);
        Path config = dir.resolve("vigil.yaml");
        Files.writeString(config, """
                channels:
                  team: { type: webhook, url: "http://127.0.0.1:9/hook" }
                models:
                  churn: { kind: binary, positive_class: churn }
                """);
        CommandRun run = CommandRun.of("eval", "--config", config.toString(), "--store", url, "--at", T.toString(),
                "--format", "json", rules.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(run.out());
        // EU: a right, b wrong (0.4 < 0.5, churned) = 0.5; US: c wrong, d's outcome not known at --at = 0
        assertThat(rows).hasSize(3);
        JsonNode eu = find(rows, "segment_accuracy", Map.of("segment", "EU"));
        assertThat(eu.path("value").asDouble()).isEqualTo(0.5);
        assertThat(find(rows, "segment_accuracy", Map.of("segment", "US")).path("value").asDouble()).isEqualTo(0.0);
        String explained = eu.path("explanation").toString();
        assertThat(explained).contains("accuracy(window=1d) by (segment)", "window 1d = (2026-11-26T00:00:00Z, 2026-11-27T00:00:00Z]",
                "2 predictions, 2 labelled");
        // recall: a of the positives a, b = 1 of 2; Wilson 95 % lower bound 0.0945
        JsonNode recall = find(rows, "recall_low", Map.of());
        assertThat(recall.path("value").asDouble()).isBetween(0.0945, 0.0946);
        assertThat(recall.path("explanation").toString())
                .contains("4 predictions, 3 labelled", "lower bound of the 95% interval [0.09453, 0.9055] around 0.5");
    }

    private static JsonNode find(JsonNode rows, String rule, Map<String, String> labels) {
        for (JsonNode r : rows) {
            if (!r.path("rule").asText().equals(rule)) continue;
            Map<String, String> l = new ObjectMapper().convertValue(r.path("labels"),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
            if (l.entrySet().containsAll(labels.entrySet())) return r;
        }
        throw new AssertionError("no row of " + rule + " with " + labels + " in " + rows);
    }
}
