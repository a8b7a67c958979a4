package io.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compile.CompileOptions;
import io.vigil.compile.RuleCompiler;
import io.vigil.config.CatchUp;
import io.vigil.store.Batch;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.Labels;
import io.vigil.store.MetricSample;
import io.vigil.store.SeriesKey;
import io.vigil.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on a real H2 file database, driven by its own clock through the live evaluation path. */
class EngineTimelineTest {
    @TempDir Path dir;

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private JdbcMetricStore store() {
        return JdbcMetricStore.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("db/vigil")));
    }

    private Engine engine(JdbcMetricStore store) {
        return new Engine(store.database(), store, new RuleCompiler(CompileOptions.defaults()), CatchUp.LAST,
                Clock.fixed(T0, ZoneOffset.UTC));
    }

    private Path rules(String text) throws Exception {
        Path f = dir.resolve("rules.vigil");
        Files.writeString(f, text);
        return f;
    }

    private static void put(JdbcMetricStore store, String metric, String segment, Instant at, double v) {
        store.write(Batch.ofSamples(List.of(MetricSample.of(
                new SeriesKey("shop", metric, Labels.of("segment", segment)), at, v))));
    }

    private static Instant min(int m) { return T0.plus(Duration.ofMinutes(m)); }

    /** (minute, status) of every instance with segment=seg, from the stored history. */
    private static List<String> timeline(Engine engine, String segment) {
        List<String> out = new ArrayList<>();
        for (AlertRepository.AlertRow a : engine.repository().alerts(null)) {
            if (!segment.equals(a.labels().get("segment"))) continue;
            for (AlertRepository.TransitionRow t : engine.repository().history(a.id())) {
                out.add(Duration.between(T0, t.at()).toMinutes() + "m " + t.kind());
            }
        }
        return out;
    }

    @Test
    void thresholdWithForFiresPerSegmentAndResolves() throws Exception {
        try (JdbcMetricStore store = store(); Engine engine = engine(store)) {
            Path f = rules("""
                    model shop {
                      every 5m
                      rule acc_low {
                        when accuracy < 0.85
                        for 10m
                      }
                    }
                    """);
            assertThat(engine.load(List.of(f), null).hasErrors()).isFalse();
            // EU: low from 5m to 25m; US always fine.
            double[] eu = {0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 0.9};
            for (int i = 0; i < eu.length; i++) {
                put(store, "accuracy", "EU", min(5 * i), eu[i]);
                put(store, "accuracy", "US", min(5 * i), 0.95);
                engine.runDue(min(5 * i));
            }
            // Hand-computed from language.md §4: holds at 5m (pending), 15m is 10m later (firing),
            // stops holding at 30m (resolved, keep_firing_for 0).
            assertThat(timeline(engine, "EU")).containsExactly("5m pending", "15m firing", "30m resolved");
            assertThat(timeline(engine, "US")).isEmpty();
        }
    }

    @Test
    void pendingAlertSurvivesARestartAndFiresOnTime() throws Exception {
        Path f = rules("""
                model shop {
                  every 5m
                  rule acc_low {
                    when accuracy < 0.85
                    for 15m
                  }
                }
                """);
        try (JdbcMetricStore store = store()) {
            Engine engine = engine(store);
            engine.load(List.of(f), null);
            put(store, "accuracy", "EU", min(0), 0.5);
            engine.runDue(min(0));
            put(store, "accuracy", "EU", min(5), 0.5);
            engine.runDue(min(5));
            // No graceful stop: the engine object is simply dropped, as after kill -9.
        }
        try (JdbcMetricStore store = store(); Engine engine = engine(store)) {
            engine.load(List.of(f), null);
            for (int m = 10; m <= 15; m += 5) {
                put(store, "accuracy", "EU", min(m), 0.5);
                engine.runDue(min(m));
            }
            // activeAt 0m survived the restart, so it fires at 15m, not 15m after the restart.
            assertThat(timeline(engine, "EU")).containsExactly("0m pending", "15m firing");
        }
    }

    @Test
    void reloadRefusesARuleSetWithErrorsAndSwapsInAGoodOne() throws Exception {
        try (JdbcMetricStore store = store(); Engine engine = engine(store)) {
            Path f = rules("""
                    model shop {
                      every 5m
                      rule acc_low { when accuracy < 0.85 }
                    }
                    """);
            engine.load(List.of(f), null);
            put(store, "accuracy", "EU", min(0), 0.5);
            engine.runDue(min(0));
            assertThat(timeline(engine, "EU")).containsExactly("0m firing");
            RuleReloader reloader = new RuleReloader(engine, List.of(f), null);

            Files.writeString(f, """
                    model shop {
                      every 5m
                      rule acc_low { when accuracy < }
                    }
                    """);
            reloader.poll();
            assertThat(engine.loaded().groups().keySet()).as("the running rule set keeps going")
                    .containsExactly("shop|every 5m");
            assertThat(engine.loaded().compiled().groups().get(0).rules().get(0).id()).isEqualTo("shop/acc_low");

            Files.writeString(f, """
                    model shop {
                      every 1h
                      rule acc_very_low { when accuracy < 0.5 }
                    }
                    """);
            reloader.poll();
            assertThat(engine.loaded().groups().keySet()).containsExactly("shop|every 1h");
            assertThat(engine.loaded().compiled().groups().get(0).rules().get(0).id()).isEqualTo("shop/acc_very_low");
            // The deleted rule's alert does not stay firing forever.
            assertThat(engine.repository().alerts(AlertStatus.FIRING)).isEmpty();
            assertThat(timeline(engine, "EU")).containsExactly("0m firing", "0m removed");
            reloader.close();
        }
    }
}
