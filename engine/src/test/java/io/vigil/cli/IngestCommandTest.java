package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ingest.IngestRoutes;
import io.vigil.label.LabelMatcher;
import io.vigil.server.ApiServer;
import io.vigil.server.ServerSettings;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.Labels;
import io.vigil.store.Selector;
import io.vigil.store.SeriesValue;
import io.vigil.store.StoreSettings;
import io.vigil.store.WindowFunction;
import io.vigil.store.WindowQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil ingest} end to end: files into a real H2 store, directly or through a real server. */
class IngestCommandTest {
    static final String JSONL = """
            {"model": "churn", "timestamp": "2026-11-26T10:00:00Z", "metrics": [{"name": "accuracy", "labels": {"segment": "EU"}, "value": 0.91}]}
            {"model": "churn", "timestamp": "2026-11-26T10:05:00Z", "metrics": [{"name": "accuracy", "labels": {"segment": "EU"}, "value": 0.89}], "distributions": [{"feature": "x", "values": [1, 2]}]}
            """;
    static final String CSV = """
            timestamp,model,metric,value,segment
            2026-11-26T10:10:00Z,churn,accuracy,0.85,EU
            2026-11-26T10:10:00Z,churn,accuracy,0.95,US
            """;

    @TempDir Path dir;

    String storeUrl() { return "jdbc:h2:file:" + dir.resolve("db/vigil"); }

    Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    long count(String table) throws Exception {
        try (JdbcMetricStore store = JdbcMetricStore.open(StoreSettings.of(storeUrl()));
             Connection c = store.database().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<SeriesValue> avgAccuracy(String segment) {
        try (JdbcMetricStore store = JdbcMetricStore.open(StoreSettings.of(storeUrl()))) {
            return store.query(WindowQuery.of(WindowFunction.AVG, Selector.of("churn", "accuracy",
                    LabelMatcher.eq("segment", segment)), Instant.parse("2026-11-26T10:10:00Z"), Duration.ofHours(1),
                    Duration.ofMinutes(5)));
        }
    }

    @Test
    void loadsJsonlAndCsvStraightIntoTheStoreOnceHoweverOftenRun() throws Exception {
        Path jsonl = file("day.jsonl", JSONL);
        Path csv = file("day.csv", CSV);
        CommandRun run = CommandRun.of("ingest", jsonl.toString(), csv.toString(), "--store", storeUrl());
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("stored 4 samples and 1 distribution from 2 files\n");
        // (0.91 + 0.89 + 0.85) / 3
        assertThat(avgAccuracy("EU")).containsExactly(new SeriesValue(Labels.of("segment", "EU"), (0.91 + 0.89 + 0.85) / 3));
        assertThat(CommandRun.of("ingest", jsonl.toString(), csv.toString(), "--store", storeUrl()).exit()).isZero();
        assertThat(count("samples")).isEqualTo(4);
        assertThat(count("distributions")).isEqualTo(1);
    }

    @Test
    void oneBadLineStoresNothingFromAnyFile() throws Exception {
        Path good = file("good.csv", CSV);
        Path bad = file("bad.jsonl", JSONL + "{\"model\": \"churn\", \"timestamp\": 0, \"metrics\": [{\"name\": \"a\", \"value\": NaN}]}\n");
        CommandRun run = CommandRun.of("ingest", good.toString(), bad.toString(), "--store", storeUrl());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(bad + ":3: metrics[0].value: NaN is not a finite number\n"
                + "vigil ingest: nothing was stored\n");
        assertThat(run.out()).isEmpty();
        assertThat(count("samples")).isZero();
        assertThat(count("series")).isZero();
    }

    @Test
    void aWrongCsvHeaderIsReportedOnLineOne() throws Exception {
        Path csv = file("wide.csv", "time,value\n2026-11-26T10:00:00Z,1\n");
        CommandRun run = CommandRun.of("ingest", csv.toString(), "--store", storeUrl());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith(csv + ":1: expected the header timestamp,model,metric,value[,label columns...];"
                + " found time,value\n");
    }

    @Test
    void usageProblemsExitWith2() throws Exception {
        assertThat(CommandRun.of("ingest", dir.resolve("missing.jsonl").toString(), "--store", storeUrl()).err())
                .isEqualTo("vigil ingest: " + dir.resolve("missing.jsonl") + ": no such file\n");
        Path csv = file("m.csv", CSV);
        CommandRun both = CommandRun.of("ingest", csv.toString(), "--store", storeUrl(), "--server", "http://localhost:1");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).isEqualTo("vigil ingest: give --store or --server, not both\n");
        CommandRun badStore = CommandRun.of("ingest", csv.toString(), "--store", "jdbc:mysql://x/y");
        assertThat(badStore.exit()).isEqualTo(2);
        assertThat(badStore.err()).startsWith("vigil ingest: unsupported store URL 'jdbc:mysql://x/y'");
    }

    @Test
    void readsTheStoreFromAConfigFile() throws Exception {
        Path config = file("vigil.yaml", "store:\n  url: " + storeUrl() + "\n  retention: 30d\nchannels: {}\n");
        CommandRun run = CommandRun.of("ingest", file("m.csv", CSV).toString(), "--config", config.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(count("samples")).isEqualTo(2);
    }

    @Test
    void sendsToARunningServerOnlyAfterCheckingEveryFile() throws Exception {
        try (JdbcMetricStore store = JdbcMetricStore.open(StoreSettings.of(storeUrl()));
             ApiServer server = ApiServer.start(ServerSettings.defaults().withPort(0), List.of(new IngestRoutes(store)))) {
            Path good = file("good.jsonl", JSONL);
            Path bad = file("bad.csv", CSV + "2026-11-26T10:15:00Z,churn,accuracy,oops,EU\n");
            String url = server.baseUri().toString();
            CommandRun refused = CommandRun.of("ingest", good.toString(), bad.toString(), "--server", url);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).isEqualTo(bad + ":4: value: 'oops' is not a number (or 'stale')\n"
                    + "vigil ingest: nothing was stored\n");
            assertThat(store.query(WindowQuery.of(WindowFunction.COUNT, Selector.of("churn", "accuracy"),
                    Instant.parse("2026-11-26T10:10:00Z"), Duration.ofHours(1), Duration.ofMinutes(5)))).isEmpty();

            CommandRun sent = CommandRun.of("ingest", good.toString(), file("more.csv", CSV).toString(), "--server", url);
            assertThat(sent.exit()).as(sent.err()).isZero();
            assertThat(sent.out()).isEqualTo("stored 4 samples and 1 distribution from 2 files\n");
            assertThat(store.query(WindowQuery.of(WindowFunction.AVG, Selector.of("churn", "accuracy",
                    LabelMatcher.eq("segment", "EU")), Instant.parse("2026-11-26T10:10:00Z"), Duration.ofHours(1),
                    Duration.ofMinutes(5)))).extracting(SeriesValue::value).containsExactly((0.91 + 0.89 + 0.85) / 3);
        }
    }
}
