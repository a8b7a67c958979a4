package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * {@code vigil backtest} of quality rules over predictions and delayed outcomes in a real H2 file store: each
 * evaluation at T sees only the outcomes known at T (the as-of join), never those that arrived later.
 */
class BacktestQualityCommandTest {
    @TempDir Path dir;

    private static Instant at(String hhmmss) {
        return Instant.parse("2026-11-26T" + hhmmss + "Z");
    }

    @Test
    void anEvaluationBeforeTheOutcomesArrivedDoesNotSeeThem() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("store/vigil");
        try (JdbcMetricStore store = JdbcMetricStore.open(StoreSettings.of(url))) {
            Labels eu = Labels.of(Map.of("segment", "EU"));
            store.write(Batch.ofPredictions(List.of(
                    Prediction.binary("churn", "p1", at("01:00:00"), eu, 0.9, "churn"),
                    Prediction.binary("churn", "p2", at("01:00:00"), eu, 0.8, "churn"),
                    Prediction.binary("churn", "p3", at("01:00:00"), eu, 0.3, "stay"))));
            store.write(Batch.ofOutcomes(List.of(
                    Outcome.ofClass("churn", "p1", at("02:00:01"), "stay"),
                    Outcome.ofClass("churn", "p2", at("03:00:00"), "stay"),
                    Outcome.ofClass("churn", "p3", at("03:00:00"), "stay"))));
        }
        Files.writeString(dir.resolve("vigil.yaml"), "models:\n  churn: { kind: binary, positive_class: churn }\n");
        Files.writeString(dir.resolve("churn.vigil"), """
                model churn {
                  every 1h
                  rule low_accuracy { when accuracy(window=1d) < 0.5 }
                }
                """);

        CommandRun run = CommandRun.of("backtest", dir.resolve("churn.vigil").toString(), "--config",
                dir.resolve("vigil.yaml").toString(), "--store", url, "--from", "2026-11-26T00:30:00Z",
                "--to", "2026-11-26T04:30:00Z", "--format", "json");

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        List<Map<String, Object>> got = new ObjectMapper().readValue(run.out(), List.class);
        // 01:00 and 02:00: no outcome is known yet (p1's arrives one second after 02:00), so there is no
        // accuracy and nothing fires, although all three outcomes are in the store. 03:00: p1 (churn vs stay)
        // and p2 (churn vs stay) wrong, p3 (stay vs stay) right: 1/3 < 0.5 fires. Had the backtest seen p1's
        // outcome at 02:00, it would have fired then with 0/1.
        assertThat(got).hasSize(1);
        assertThat(got.get(0)).containsEntry("at", "2026-11-26T03:00:00Z").containsEntry("rule", "low_accuracy")
                .containsEntry("state", "firing");
        assertThat((Double) got.get(0).get("value")).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
    }
}
