package io.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.compile.CompileOptions;
import io.vigil.compile.RuleCompiler;
import io.vigil.config.CatchUp;
import io.vigil.notify.MutableClock;
import io.vigil.store.Batch;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.Labels;
import io.vigil.store.MetricSample;
import io.vigil.store.SeriesKey;
import io.vigil.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Quartz fire after ticks nobody evaluated (the node holding the trigger died, or Quartz skipped
 * them as misfired) first runs the missed ticks per engine.catch_up, then its own; a tick already
 * evaluated is not evaluated again. The rule flips state every minute, so each evaluation leaves one
 * transition stamped with its T.
 */
class MissedTickTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String GROUP = "m|every 1m";

    @TempDir Path dir;

    /** A Quartz fire of {@code tick} that runs when the wall clock says {@code at}. */
    record Fire(Instant tick, Instant at) {}

    private List<Instant> transitions(CatchUp policy, Instant... fires) throws Exception {
        return transitions(policy, java.util.Arrays.stream(fires).map(f -> new Fire(f, f)).toArray(Fire[]::new));
    }

    private List<Instant> transitions(CatchUp policy, Fire... fires) throws Exception {
        try (JdbcMetricStore store = JdbcMetricStore.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve(policy + "/vigil")))) {
            MutableClock clock = new MutableClock(T0);
            Engine engine = new Engine(store.database(), store, new RuleCompiler(CompileOptions.defaults()), policy, clock);
            Path rules = Files.writeString(dir.resolve(policy + ".vigil"),
                    "model m {\n  every 1m\n  rule low { when accuracy < 0.5 }\n}\n");
            assertThat(engine.load(List.of(rules), null).hasErrors()).isFalse();
            assertThat(engine.loaded().groups()).containsKey(GROUP);
            List<MetricSample> samples = new ArrayList<>();
            for (int i = 0; i <= 10; i++) {
                samples.add(MetricSample.of(new SeriesKey("m", "accuracy", Labels.of()), T0.plus(Duration.ofMinutes(i)),
                        i % 2 == 0 ? 0.1 : 0.9));
            }
            store.write(Batch.ofSamples(samples));
            for (Fire f : fires) {
                clock.set(f.at());
                engine.fire(GROUP, f.tick());
            }
            List<Instant> out = new ArrayList<>();
            try (Connection c = store.database().dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT at FROM alert_transitions ORDER BY at")) {
                while (rs.next()) out.add(Instant.ofEpochMilli(rs.getLong(1)));
            }
            return out;
        }
    }

    private static Instant min(int m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    @Test
    void allEvaluatesEveryMissedTickOnce() throws Exception {
        assertThat(transitions(CatchUp.ALL, min(0), min(4), min(4), min(3), min(5)))
                .containsExactly(min(0), min(1), min(2), min(3), min(4), min(5));
    }

    @Test
    void lastEvaluatesTheLatestMissedTick() throws Exception {
        assertThat(transitions(CatchUp.LAST, min(0), min(4), min(5))).containsExactly(min(0), min(3), min(4), min(5));
    }

    // A takeover: the surviving node fires the oldest tick the dead node left (1 min) 30 s after a later
    // tick, and Quartz then fires the ticks after it in quick succession. The first late fire's own tick
    // is the latest one due; the ticks before it are caught up per policy at once, and the later fires
    // find their ticks evaluated. (Even minutes breach, odd ones do not: a transition marks a change.)
    private static Fire[] takeover(Instant due, Instant... lateTicks) {
        List<Fire> fires = new ArrayList<>(List.of(new Fire(min(0), min(0))));
        for (Instant t : lateTicks) fires.add(new Fire(t, due.plusSeconds(30)));
        return fires.toArray(Fire[]::new);
    }

    @Test
    void aLateFireRunsEveryTickDueByNowUnderAll() throws Exception {
        assertThat(transitions(CatchUp.ALL, takeover(min(5), min(1), min(2), min(3), min(4), min(5))))
                .containsExactly(min(0), min(1), min(2), min(3), min(4), min(5));
    }

    @Test
    void aLateFireRunsTheLatestMissedAndTheDueTickUnderLast() throws Exception {
        // Evaluated: 0 (firing), 5 (resolved), 6 (firing again).
        assertThat(transitions(CatchUp.LAST, takeover(min(6), min(1), min(2), min(6)))).containsExactly(min(0), min(5), min(6));
    }

    @Test
    void aLateFireRunsOnlyTheDueTickUnderNone() throws Exception {
        // Evaluated: 0 (firing), 5 (resolved); 1 would have resolved it at 1.
        assertThat(transitions(CatchUp.NONE, takeover(min(5), min(1), min(2)))).containsExactly(min(0), min(5));
    }
}
