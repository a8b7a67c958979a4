package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ingest.IngestRoutes;
import io.vigil.server.ApiServer;
import io.vigil.server.ServerSettings;
import io.vigil.stats.FeatureSample;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil baseline} end to end into a real H2 store, directly and through a real server. */
class BaselineCommandTest {
    @TempDir Path dir;

    String storeUrl() { return "jdbc:h2:file:" + dir.resolve("db/vigil"); }

    Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    Map<String, FeatureSample> baseline(String model, String name) {
        try (JdbcMetricStore store = JdbcMetricStore.open(StoreSettings.of(storeUrl()))) {
            return store.baseline(model, name);
        }
    }

    static final Map<String, FeatureSample> EXPECTED = Map.of(
            "income", new FeatureSample.Numeric(new double[] {52000, 61000.5, 48000}, 1),
            "region", new FeatureSample.Categorical(Map.of("EU", 2L, "US", 1L), 1),
            "plan", new FeatureSample.Categorical(Map.of("1", 1L, "basic", 2L), 1));

    @Test
    void storesAWideCsvAsAProfile() throws Exception {
        Path csv = file("train.csv", """
                income,region,plan
                52000,EU,basic
                61000.5,US,1
                ,EU,basic
                48000,,
                """);
        CommandRun run = CommandRun.of("baseline", "churn", "training", csv.toString(), "--store", storeUrl());
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("stored baseline churn/training: 3 features from 4 rows\n");
        assertThat(baseline("churn", "training")).containsExactlyInAnyOrderEntriesOf(EXPECTED);
    }

    @Test
    void storesJsonlRowsTheSameWay() throws Exception {
        Path jsonl = file("train.jsonl", """
                {"income": 52000, "region": "EU", "plan": "basic"}
                {"income": 61000.5, "region": "US", "plan": 1}
                {"income": null, "region": "EU", "plan": "basic"}
                {"income": 48000}
                """);
        CommandRun run = CommandRun.of("baseline", "churn", "training", jsonl.toString(), "--store", storeUrl());
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("stored baseline churn/training: 3 features from 4 rows\n");
        assertThat(baseline("churn", "training")).containsExactlyInAnyOrderEntriesOf(EXPECTED);
    }

    @Test
    void aMalformedFileStoresNothingAndKeepsTheOldBaseline() throws Exception {
        Path good = file("a.csv", "x\n1\n2\n");
        assertThat(CommandRun.of("baseline", "churn", "training", good.toString(), "--store", storeUrl()).exit()).isZero();
        Path bad = file("b.csv", "x,y\n1,2\n3\n");
        CommandRun run = CommandRun.of("baseline", "churn", "training", bad.toString(), "--store", storeUrl());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(bad + ":3: expected 2 columns, found 1\nvigil baseline: nothing was stored\n");
        assertThat(baseline("churn", "training")).containsOnlyKeys("x");

        Path badJsonl = file("c.jsonl", "{\"x\": 1}\n{\"x\": [1]}\n");
        CommandRun run2 = CommandRun.of("baseline", "churn", "training", badJsonl.toString(), "--store", storeUrl());
        assertThat(run2.exit()).isEqualTo(1);
        assertThat(run2.err()).startsWith(badJsonl + ":2: x: expected a number, string, boolean or null, found an array\n");
    }

    @Test
    void badNamesAreUsageErrors() throws Exception {
        Path csv = file("a.csv", "x\n1\n");
        CommandRun run = CommandRun.of("baseline", "churn model", "training", csv.toString(), "--store", storeUrl());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("vigil baseline: 'churn model' is not a valid model; use letters, digits and _,"
                + " not starting with a digit\n");
    }

    @Test
    void sendsToARunningServer() throws Exception {
        try (JdbcMetricStore store = JdbcMetricStore.open(StoreSettings.of(storeUrl()));
             ApiServer server = ApiServer.start(ServerSettings.defaults().withPort(0), List.of(new IngestRoutes(store)))) {
            Path csv = file("train.csv", "income,region,plan\n52000,EU,basic\n61000.5,US,1\n,EU,basic\n48000,,\n");
            CommandRun run = CommandRun.of("baseline", "churn", "training", csv.toString(), "--server",
                    server.baseUri().toString());
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(store.baseline("churn", "training")).containsExactlyInAnyOrderEntriesOf(EXPECTED);
        }
    }
}
