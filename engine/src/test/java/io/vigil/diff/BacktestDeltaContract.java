package io.vigil.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.RuleCompiler;
import io.vigil.store.Batch;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.Labels;
import io.vigil.store.MetricSample;
import io.vigil.store.SeriesKey;
import io.vigil.store.StoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backtest delta of a rule change on history stored in a real database (one subclass per back end),
 * with every episode worked out by hand from the samples below and the rules' clauses (language.md §4:
 * pending at the first evaluation that holds, firing once it has held for {@code for}, resolved at the
 * first evaluation that does not hold).
 *
 * <p>Samples every 5 minutes from 00:00 to 04:00: accuracy{segment=EU} is 0.8 from 01:00 to 02:30, 0.83
 * from 03:00 to 03:30, else 0.9; accuracy{segment=US} is 0.84 from 02:00 to 02:20, else 0.95.
 */
abstract class BacktestDeltaContract {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    JdbcMetricStore store;

    abstract StoreSettings freshDatabase();

    @BeforeEach
    void history() {
        store = JdbcMetricStore.open(freshDatabase());
        List<MetricSample> samples = new ArrayList<>();
        for (int m = 0; m <= 240; m += 5) {
            double eu = m >= 60 && m <= 150 ? 0.8 : m >= 180 && m <= 210 ? 0.83 : 0.9;
            double us = m >= 120 && m <= 140 ? 0.84 : 0.95;
            samples.add(MetricSample.of(new SeriesKey("shop", "accuracy", Labels.of("segment", "EU")), at(m), eu));
            samples.add(MetricSample.of(new SeriesKey("shop", "accuracy", Labels.of("segment", "US")), at(m), us));
        }
        store.write(Batch.ofSamples(samples));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Instant at(int minutes) { return T0.plus(Duration.ofMinutes(minutes)); }

    static Instant at(String hhmm) { return Instant.parse("2026-01-01T" + hhmm + ":00Z"); }

    static Episode episode(String segment, String from, String to) {
        return new Episode(new TreeMap<>(Map.of("segment", segment)), at(from), at(to), false);
    }

    private static final String BEFORE = """
            model shop {
              every 5m
              notify pager
              rule threshold { when accuracy < 0.85  for 10m  trigger retrain cooldown 1d }
              rule waiting   { when accuracy < 0.85  for 10m }
              rule same      { when accuracy < 0.85  for 10m }
            }
            """;

    private static final String AFTER = """
            model shop {
              every 5m
              notify pager
              rule threshold { when accuracy < 0.82  for 10m  trigger retrain cooldown 1d }
              rule waiting   { when accuracy < 0.85  for 20m }
              rule same      { for 10m  when accuracy < 85% }
              rule added     { when accuracy < 0.5 }
            }
            """;

    private BacktestDelta.Result delta() {
        CheckResult before = Checker.check(List.of(new Source("before.vigil", BEFORE)), null);
        CheckResult after = Checker.check(List.of(new Source("after.vigil", AFTER)), null);
        assertThat(before.diagnostics()).isEmpty();
        assertThat(after.diagnostics()).isEmpty();
        SemanticDiff.Result diff = SemanticDiff.compare(before.rules(), after.rules());
        return new BacktestDelta(new RuleCompiler(CompileOptions.defaults()), store, null)
                .run(diff, at("00:30"), at("04:00"), (done, total) -> { });
    }

    private static RuleDelta rule(BacktestDelta.Result r, String name) {
        return r.rules().stream().filter(d -> d.change().id().equals("shop/" + name)).findFirst().orElseThrow();
    }

    @Test
    void onlyChangedRulesAreBacktested() {
        assertThat(delta().rules()).extracting(d -> d.change().id())
                .containsExactly("shop/added", "shop/threshold", "shop/waiting");
    }

    @Test
    void aLowerThresholdDropsTheEpisodesOfValuesBetweenTheTwo() {
        RuleDelta d = rule(delta(), "threshold");
        // Old (< 0.85): EU 0.8 holds 01:00-02:30, fires 01:10, resolves 02:35; EU 0.83 holds 03:00-03:30, fires
        // 03:10, resolves 03:35; US 0.84 holds 02:00-02:20, fires 02:10, resolves 02:25. New (< 0.82): only 0.8.
        assertThat(d.same()).isEqualTo(1);
        assertThat(d.onlyBefore()).containsExactly(episode("US", "02:10", "02:25"), episode("EU", "03:10", "03:35"));
        assertThat(d.onlyAfter()).isEmpty();
        assertThat(d.moved()).isEmpty();
        assertThat(d.episodesBefore()).isEqualTo(3);
        assertThat(d.episodesAfter()).isEqualTo(1);
        assertThat(d.firingBefore()).isEqualTo(Duration.ofMinutes(85 + 15 + 25));
        assertThat(d.firingAfter()).isEqualTo(Duration.ofMinutes(85));
        assertThat(d.before().notifications()).containsExactly(Map.entry("pager", "3 firing, 3 resolved"));
        assertThat(d.after().notifications()).containsExactly(Map.entry("pager", "1 firing, 1 resolved"));
        // retrain runs at 01:10; 02:10 and 03:10 fall within its one-day cooldown
        assertThat(d.before().actions()).containsExactly(Map.entry("retrain", "1 run, 2 held back (cooldown)"));
        assertThat(d.after().actions()).containsExactly(Map.entry("retrain", "1 run"));
    }

    @Test
    void aLongerForOnlyShiftsEachEpisodesStart() {
        RuleDelta d = rule(delta(), "waiting");
        assertThat(d.same()).isZero();
        assertThat(d.onlyBefore()).isEmpty();
        assertThat(d.onlyAfter()).isEmpty();
        assertThat(d.moved()).containsExactly(
                new RuleDelta.Moved(episode("EU", "01:10", "02:35"), episode("EU", "01:20", "02:35")),
                new RuleDelta.Moved(episode("US", "02:10", "02:25"), episode("US", "02:20", "02:25")),
                new RuleDelta.Moved(episode("EU", "03:10", "03:35"), episode("EU", "03:20", "03:35")));
        assertThat(d.firingAfter()).isEqualTo(Duration.ofMinutes(75 + 5 + 15));
        assertThat(d.before().notifications()).isEqualTo(d.after().notifications());
    }

    @Test
    void anAddedRuleThatNeverHoldsHasNoEpisodesOnEitherSide() {
        RuleDelta d = rule(delta(), "added");
        assertThat(d.before()).isNull();
        assertThat(d.episodesAfter()).isZero();
        assertThat(d.differs()).isFalse();
    }
}
