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
import io.vigil.store.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines on one PostgreSQL database (two nodes, as after a false failure detection or a node
 * joining with its start-up catch-up) fire every tick of a group at the same moment: each tick is
 * stored once. The rule flips at every tick, so a tick stored twice would leave two transitions at
 * its T, and one stored over a state the other node had already moved on would leave a wrong one.
 */
class TwoEnginesOneTickTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String GROUP = "m|every 1m";
    static final int TICKS = 30;

    @TempDir Path dir;

    @Test
    void racingEnginesStoreEachTickOnce() throws Exception {
        StoreSettings settings = TestPostgres.newDatabase();
        Path rules = Files.writeString(dir.resolve("m.vigil"), "model m {\n  every 1m\n  rule low { when accuracy < 0.5 }\n}\n");
        try (JdbcMetricStore one = JdbcMetricStore.open(settings); JdbcMetricStore two = JdbcMetricStore.open(settings)) {
            List<MetricSample> samples = new ArrayList<>();
            for (int i = 0; i < TICKS; i++) {
                samples.add(MetricSample.of(new SeriesKey("m", "accuracy", Labels.of()), min(i), i % 2 == 0 ? 0.1 : 0.9));
            }
            one.write(Batch.ofSamples(samples));
            List<Engine> engines = new ArrayList<>();
            for (JdbcMetricStore s : List.of(one, two)) {
                Engine e = new Engine(s.database(), s, new RuleCompiler(CompileOptions.defaults()), CatchUp.ALL,
                        Clock.fixed(T0, ZoneOffset.UTC));
                assertThat(e.load(List.of(rules), null).hasErrors()).isFalse();
                engines.add(e);
            }
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> stored = new ArrayList<>();
                for (Engine e : engines) {
                    stored.add(pool.submit(() -> {
                        int n = 0;
                        for (int i = 0; i < TICKS; i++) {
                            together.await();
                            if (e.evaluate(GROUP, min(i)) != null) n++;
                        }
                        return n;
                    }));
                }
                int total = stored.get(0).get() + stored.get(1).get();
                assertThat(total).as("evaluations stored by both engines").isEqualTo(TICKS);
            } finally {
                pool.shutdownNow();
            }
            List<Instant> expected = new ArrayList<>();
            for (int i = 0; i < TICKS; i += 2) expected.add(min(i)); // breaching ticks: firing
            for (int i = 1; i < TICKS; i += 2) expected.add(min(i)); // the others: resolved
            List<Instant> transitions = new ArrayList<>();
            List<Long> logged = new ArrayList<>();
            try (Connection c = one.database().dataSource().getConnection()) {
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT at FROM alert_transitions ORDER BY to_status, at")) {
                    while (rs.next()) transitions.add(Instant.ofEpochMilli(rs.getLong(1)));
                }
                try (ResultSet rs = c.createStatement().executeQuery("SELECT t FROM evaluation_log ORDER BY t")) {
                    while (rs.next()) logged.add(rs.getLong(1));
                }
            }
            assertThat(transitions).as("firing at each breaching tick, then inactive at each other").containsExactlyElementsOf(expected);
            assertThat(logged).hasSize(TICKS).doesNotHaveDuplicates();
        }
    }

    private static Instant min(int m) {
        return T0.plus(Duration.ofMinutes(m));
    }
}
