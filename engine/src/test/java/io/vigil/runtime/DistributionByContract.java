package io.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.plan.FeatureSelector;
import io.vigil.plan.Operand;
import io.vigil.stats.FeatureSample;
import io.vigil.store.Batch;
import io.vigil.store.FeatureSnapshot;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.Labels;
import io.vigil.store.StoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code psi(...) by (origin)} against a real store (one subclass per back end): each origin's
 * distributions pooled on their own and compared with the whole named baseline, or with the same
 * origin's prior window; without {@code by} every origin pooled, as before. Expected PSIs by hand,
 * checked with NumPy: {@code sum((q - p) * log(q / p))} over the two categories' proportions.
 */
abstract class DistributionByContract {
    private static final Instant T = Instant.parse("2026-03-02T12:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private JdbcMetricStore store;

    abstract StoreSettings freshDatabase();

    @BeforeEach
    void open() {
        store = JdbcMetricStore.open(freshDatabase());
        store.write(new Batch(List.of(), List.of(
                // current window (T - 1h, T]: JFK twice (pooled to a 80 / b 20), LAX once
                cabin(T.minusSeconds(60), "JFK", 40, 10),
                cabin(T.minusSeconds(120), "JFK", 40, 10),
                cabin(T.minusSeconds(60), "LAX", 50, 50),
                // the prior hour (T - 2h, T - 1h]
                cabin(T.minus(HOUR).minusSeconds(60), "JFK", 60, 40),
                cabin(T.minus(HOUR).minusSeconds(60), "LAX", 20, 80))));
        store.putBaseline("flights", "training", Map.of("cabin", categories(50, 50)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void byOriginComparesEachOriginWithTheWholeNamedBaseline() throws OperandException {
        Map<String, Double> psi = psi(Operand.Baseline.named("training"), List.of("origin"));
        // JFK: q = (.8, .2) against p = (.5, .5): .3 ln 1.6 + .3 ln 2.5 = 0.4158883083359672; LAX equals the baseline.
        assertThat(psi).containsOnlyKeys("cabin JFK", "cabin LAX");
        assertThat(psi.get("cabin JFK")).isCloseTo(0.4158883083359672, within(1e-12));
        assertThat(psi.get("cabin LAX")).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void byOriginAgainstAPriorWindowComparesEachOriginWithItsOwnPast() throws OperandException {
        Map<String, Double> psi = psi(Operand.Baseline.prior(HOUR), List.of("origin"));
        // JFK (.8, .2) vs (.6, .4): 0.19616585060234526; LAX (.5, .5) vs (.2, .8): 0.4158883083359672
        assertThat(psi).containsOnlyKeys("cabin JFK", "cabin LAX");
        assertThat(psi.get("cabin JFK")).isCloseTo(0.19616585060234526, within(1e-12));
        assertThat(psi.get("cabin LAX")).isCloseTo(0.4158883083359672, within(1e-12));
    }

    @Test
    void withoutByEveryOriginIsPooledAsBefore() throws OperandException {
        // current (130, 70) against the baseline (50, 50): 0.09285588126093354; against the prior (80, 120): 0.2561260791285969
        assertThat(psi(Operand.Baseline.named("training"), List.of()))
                .containsOnlyKeys("cabin").hasEntrySatisfying("cabin", v -> assertThat(v).isCloseTo(0.09285588126093354, within(1e-12)));
        assertThat(psi(Operand.Baseline.prior(HOUR), List.of()))
                .containsOnlyKeys("cabin").hasEntrySatisfying("cabin", v -> assertThat(v).isCloseTo(0.2561260791285969, within(1e-12)));
    }

    @Test
    void aGroupWithoutAPriorIsNoElementAndALabelTheSnapshotsLackGroupsThemTogether() throws OperandException {
        store.write(new Batch(List.of(), List.of(cabin(T.minusSeconds(30), "SFO", 1, 1))));
        // SFO has no prior hour: no value, never a breach (as a feature without prior data)
        assertThat(psi(Operand.Baseline.prior(HOUR), List.of("origin"))).containsOnlyKeys("cabin JFK", "cabin LAX");
        // no snapshot has a 'gate' label: one group, the pooled value
        assertThat(psi(Operand.Baseline.named("training"), List.of("gate"))).containsOnlyKeys("cabin");
    }

    /** Element labels ("feature origin") to value. */
    private Map<String, Double> psi(Operand.Baseline baseline, List<String> by) throws OperandException {
        Map<String, Double> out = new LinkedHashMap<>();
        for (OperandValue v : new StoreOperands(store).compute("flights",
                new Operand.Distribution("psi", FeatureSelector.named(List.of("cabin")), baseline, HOUR, by), T)) {
            String key = v.labels().get("feature") + (v.labels().containsKey("origin") ? " " + v.labels().get("origin") : "");
            assertThat(v.labels().keySet()).as("labels of " + key).isSubsetOf("feature", "origin");
            out.put(key, v.value());
        }
        return out;
    }

    private static FeatureSnapshot cabin(Instant at, String origin, long a, long b) {
        return new FeatureSnapshot("flights", "cabin", at, categories(a, b), Labels.of("origin", origin));
    }

    private static FeatureSample categories(long a, long b) {
        return new FeatureSample.Categorical(Map.of("a", a, "b", b), 0);
    }
}
