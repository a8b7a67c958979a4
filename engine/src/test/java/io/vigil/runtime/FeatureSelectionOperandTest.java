package io.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.plan.FeatureSelector;
import io.vigil.plan.Operand;
import io.vigil.stats.FeatureSample;
import io.vigil.store.Batch;
import io.vigil.store.FeatureSnapshot;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feature list or regex against a real (H2) store: which features come back, and what a named
 * baseline lacking a listed feature does (language.md §3.3: an error for a name, skipped for a regex).
 */
class FeatureSelectionOperandTest {

    private static final Instant T = Instant.parse("2026-03-02T01:00:00Z");

    @TempDir
    Path dir;
    private JdbcMetricStore store;

    @BeforeEach
    void open() {
        store = JdbcMetricStore.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("db/vigil")));
        Instant at = T.minusSeconds(60);
        store.write(new Batch(List.of(), List.of(
                snapshot("temp_a", at, 1, 2, 3),      // mean 2
                snapshot("temp_b", at, 10, 20),       // mean 15
                snapshot("attemp_a", at, 7),          // not matched by the anchored "temp_.*"
                snapshot("humidity", at, 50))));
        Map<String, FeatureSample> training = new TreeMap<>();
        training.put("temp_a", new FeatureSample.Numeric(new double[] {1, 2, 3}, 0));
        store.putBaseline("m", "training", training);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aListReadsExactlyItsFeatures() throws OperandException {
        assertThat(means(FeatureSelector.named(List.of("temp_b", "humidity"))))
                .containsExactlyInAnyOrderEntriesOf(Map.of("temp_b", 15.0, "humidity", 50.0));
    }

    @Test
    void aRegexIsAnchored() throws OperandException {
        assertThat(means(FeatureSelector.matching("temp_.*")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("temp_a", 2.0, "temp_b", 15.0));
    }

    @Test
    void aNamedBaselineLackingAListedFeatureIsAnErrorButARegexSkipsIt() throws OperandException {
        Operand.Baseline training = Operand.Baseline.named("training");
        assertThatThrownBy(() -> new StoreOperands(store).compute("m",
                new Operand.Distribution("psi", FeatureSelector.named(List.of("temp_a", "temp_b")), training,
                        Duration.ofHours(1)), T))
                .isInstanceOf(OperandException.class).hasMessage("baseline 'training' of model m has no feature 'temp_b'");
        List<OperandValue> psi = new StoreOperands(store).compute("m",
                new Operand.Distribution("psi", FeatureSelector.matching("temp_.*"), training, Duration.ofHours(1)), T);
        assertThat(psi).extracting(v -> v.labels().get("feature")).containsExactly("temp_a");
        assertThat(psi.get(0).value()).as("the same values as training").isEqualTo(0.0);
    }

    private Map<String, Double> means(FeatureSelector features) throws OperandException {
        Map<String, Double> out = new TreeMap<>();
        for (OperandValue v : new StoreOperands(store).compute("m",
                new Operand.Distribution("mean", features, null, Duration.ofHours(1)), T)) {
            out.put(v.labels().get("feature"), v.value());
        }
        return out;
    }

    private static FeatureSnapshot snapshot(String feature, Instant at, double... values) {
        return new FeatureSnapshot("m", feature, at, new FeatureSample.Numeric(values, 0));
    }
}
