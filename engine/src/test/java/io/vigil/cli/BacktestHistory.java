package io.vigil.cli;

import io.vigil.store.Batch;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.Labels;
import io.vigil.store.MetricSample;
import io.vigil.store.Outcome;
import io.vigil.store.Prediction;
import io.vigil.store.SeriesKey;
import io.vigil.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stored history for backtests, in an H2 file database: every 5 minutes from 2026-01-01 00:00 to 04:00,
 * EU accuracy is low (0.8) from 01:00 to 02:30 and from 03:00 to 03:10, else 0.9; US is 0.95 except 0.7
 * at 03:00 and 03:05; latency_ms is 100, and 400 from 02:00 to 02:20. Also writes shop.vigil (acc_low,
 * notify pager, trigger retrain) and vigil.yaml beside it.
 */
final class BacktestHistory {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private BacktestHistory() {}

    /** Writes the history and the rule and config files into {@code dir}; returns the store URL. */
    static String write(Path dir) throws IOException {
        String url = "jdbc:h2:file:" + dir.resolve("db/vigil");
        List<MetricSample> samples = new ArrayList<>();
        for (int m = 0; m <= 240; m += 5) {
            boolean euLow = (m >= 60 && m <= 150) || (m >= 180 && m <= 190);
            boolean usLow = m == 180 || m == 185;
            Instant at = T0.plus(Duration.ofMinutes(m));
            samples.add(MetricSample.of(new SeriesKey("shop", "accuracy", Labels.of("segment", "EU")), at, euLow ? 0.8 : 0.9));
            samples.add(MetricSample.of(new SeriesKey("shop", "accuracy", Labels.of("segment", "US")), at, usLow ? 0.7 : 0.95));
            samples.add(MetricSample.of(new SeriesKey("shop", "latency_ms", Labels.EMPTY), at, m >= 120 && m <= 140 ? 400 : 100));
        }
        try (JdbcMetricStore store = JdbcMetricStore.open(StoreSettings.of(url))) {
            store.write(Batch.ofSamples(samples));
        }
        Files.writeString(dir.resolve("vigil.yaml"), """
                channels:
                  pager: { type: webhook, url: "http://127.0.0.1:9/hook" }
                actions:
                  retrain: { type: webhook, url: "http://127.0.0.1:9/retrain" }
                """);
        Files.writeString(dir.resolve("shop.vigil"), """
                model shop {
                  every 5m
                  rule acc_low {
                    when accuracy < 0.85
                    for 10m
                    keep_firing_for 10m
                    notify pager repeat 1h
                    trigger retrain cooldown 1d
                  }
                }
                """);
        return url;
    }

    /**
     * A quality history (2026-11-26, model churn, binary, positive class churn): EU predictions p1 0.9,
     * p2 0.8, p3 0.3 and US p4 0.7, p5 0.2, all at 01:00; outcomes p4 churn known 02:00, p1 stay 02:00:01,
     * p2 stay 03:00, p5 stay 04:00, none for p3. Writes churn.vigil (low_accuracy by segment, few, two_windows)
     * and vigil.yaml beside it; returns the store URL.
     */
    static String writeQuality(Path dir) throws IOException {
        String url = "jdbc:h2:file:" + dir.resolve("store/vigil");
        try (JdbcMetricStore store = JdbcMetricStore.open(StoreSettings.of(url))) {
            Labels eu = Labels.of(Map.of("segment", "EU"));
            Labels us = Labels.of(Map.of("segment", "US"));
            store.write(Batch.ofPredictions(List.of(
                    Prediction.binary("churn", "p1", at("01:00:00"), eu, 0.9, "churn"),
                    Prediction.binary("churn", "p2", at("01:00:00"), eu, 0.8, "churn"),
                    Prediction.binary("churn", "p3", at("01:00:00"), eu, 0.3, "stay"),
                    Prediction.binary("churn", "p4", at("01:00:00"), us, 0.7, "churn"),
                    Prediction.binary("churn", "p5", at("01:00:00"), us, 0.2, "stay"))));
            store.write(Batch.ofOutcomes(List.of(
                    Outcome.ofClass("churn", "p1", at("02:00:01"), "stay"),
                    Outcome.ofClass("churn", "p2", at("03:00:00"), "stay"),
                    Outcome.ofClass("churn", "p4", at("02:00:00"), "churn"),
                    Outcome.ofClass("churn", "p5", at("04:00:00"), "stay"))));
        }
        Files.writeString(dir.resolve("vigil.yaml"), "models:\n  churn: { kind: binary, positive_class: churn }\n");
        Files.writeString(dir.resolve("churn.vigil"), """
                model churn {
                  every 1h
                  rule low_accuracy { when accuracy(window=1d) by (segment) < 0.5 }
                  rule few { when predictions(window=1d) < 3 and label_coverage(window=1d) < 0.9 }
                  rule two_windows { when accuracy(window=1d) < 0.1 or accuracy(window=2h) < 0.1 }
                }
                """);
        return url;
    }

    private static Instant at(String hhmmss) {
        return Instant.parse("2026-11-26T" + hhmmss + "Z");
    }
}
