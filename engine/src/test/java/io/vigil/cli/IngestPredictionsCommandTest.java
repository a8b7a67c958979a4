package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ingest.IngestRoutes;
import io.vigil.server.ApiServer;
import io.vigil.server.ServerSettings;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.JoinedPredictions;
import io.vigil.store.PredictionQuery;
import io.vigil.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil ingest --predictions/--outcomes}: JSONL and CSV into a real H2 store, directly or through a server. */
class IngestPredictionsCommandTest {
    static final String PREDICTIONS_JSONL = """
            {"model": "churn", "id": "a", "timestamp": "2026-11-26T10:00:00Z", "labels": {"segment": "EU"}, "score": 0.8, "features": {"tenure": 3}}
            {"model": "churn", "id": "b", "timestamp": "2026-11-26T10:01:00Z", "labels": {"segment": "US"}, "score": 0.3}
            """;
    static final String PREDICTIONS_CSV = """
            timestamp,model,id,score,class,label.segment,feature.tenure,feature.plan
            2026-11-26T10:02:00Z,churn,c,0.6,churn,EU,12,basic
            2026-11-26T10:03:00Z,churn,d,0.1,,,,
            """;
    static final String OUTCOMES_CSV = """
            timestamp,model,id,actual
            2026-11-27T00:00:00Z,churn,a,churn
            2026-11-27T00:00:00Z,churn,c,0
            2026-11-27T00:00:00Z,churn,zz,1
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

    JoinedPredictions joined() {
        try (JdbcMetricStore store = JdbcMetricStore.open(StoreSettings.of(storeUrl()))) {
            return store.predictions(PredictionQuery.of("churn", Instant.parse("2026-11-26T00:00:00Z"),
                    Instant.parse("2026-11-27T00:00:00Z"), Instant.parse("2026-11-28T00:00:00Z")));
        }
    }

    @Test
    void loadsJsonlAndCsvPredictionsAndOutcomesOnceHoweverOftenRun() throws Exception {
        String[] args = {"ingest", "--predictions", file("p.jsonl", PREDICTIONS_JSONL).toString(),
                file("p.csv", PREDICTIONS_CSV).toString(), "--outcomes", file("o.csv", OUTCOMES_CSV).toString(),
                "--store", storeUrl()};
        CommandRun run = CommandRun.of(args);
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("stored 4 predictions and 3 outcomes from 3 files\n");
        assertThat(CommandRun.of(args).exit()).isZero();
        assertThat(count("predictions")).isEqualTo(4);
        assertThat(count("outcomes")).isEqualTo(3);

        JoinedPredictions j = joined();
        assertThat(j.predictions()).isEqualTo(4);
        assertThat(j.labelled()).isEqualTo(2);
        assertThat(j.scores()).containsExactlyInAnyOrder(0.8, 0.3, 0.6, 0.1);
        for (int i = 0; i < j.predictions(); i++) {
            if (j.scores()[i] == 0.6) {
                assertThat(j.classes().get(j.predicted()[i])).isEqualTo("churn");
                assertThat(j.classes().get(j.actual()[i])).isEqualTo("0");
                assertThat(j.labelSets().get(j.labelSet()[i]).get("segment")).isEqualTo("EU");
            }
            if (j.scores()[i] == 0.1) assertThat(j.labelSets().get(j.labelSet()[i]).isEmpty()).isTrue();
        }
    }

    @Test
    void aBadRecordStoresNothingAndNamesFileLineAndField() throws Exception {
        Path good = file("p.jsonl", PREDICTIONS_JSONL);
        Path bad = file("o.csv", OUTCOMES_CSV + "2026-11-27T00:00:00Z,churn,,1\n");
        CommandRun run = CommandRun.of("ingest", "--predictions", good.toString(), "--outcomes", bad.toString(),
                "--store", storeUrl());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(bad + ":5: id: required field is missing (the prediction's id, 1 to 200 characters)\n"
                + "vigil ingest: nothing was stored\n");
        assertThat(count("predictions")).isZero();
        assertThat(count("outcomes")).isZero();

        Path wrongKind = file("k.jsonl", "{\"model\": \"churn\", \"id\": \"x\", \"timestamp\": 0, \"value\": 2}\n");
        Path config = file("vigil.yaml", "store: {url: '" + storeUrl() + "'}\nmodels:\n  churn: {kind: binary}\n");
        run = CommandRun.of("ingest", "--predictions", wrongKind.toString(), "--config", config.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(wrongKind + ":1: value: model churn is binary (vigil.yaml): its predictions give"
                + " score, not value\nvigil ingest: nothing was stored\n");
        assertThat(count("predictions")).isZero();
    }

    @Test
    void aChangedRecordIsRefusedWithNothingStored() throws Exception {
        assertThat(CommandRun.of("ingest", "--predictions", file("p.jsonl", PREDICTIONS_JSONL).toString(),
                "--store", storeUrl()).exit()).isZero();
        Path changed = file("c.csv", "timestamp,model,id,score\n2026-11-26T10:05:00Z,churn,new,0.5\n"
                + "2026-11-26T10:01:00Z,churn,b,0.35\n");
        CommandRun run = CommandRun.of("ingest", "--predictions", changed.toString(), "--store", storeUrl());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("vigil ingest: prediction 'b' of model churn differs from the stored prediction"
                + " with this id; send \"replace\": true to replace it; nothing was stored\n");
        assertThat(count("predictions")).isEqualTo(2);
    }

    @Test
    void sendsToARunningServer() throws Exception {
        try (JdbcMetricStore store = JdbcMetricStore.open(StoreSettings.of(storeUrl()));
             ApiServer server = ApiServer.start(ServerSettings.defaults().withPort(0), List.of(new IngestRoutes(store)))) {
            CommandRun run = CommandRun.of("ingest", "--predictions", file("p.csv", PREDICTIONS_CSV).toString(),
                    "--outcomes", file("o.csv", OUTCOMES_CSV).toString(), "--server", server.baseUri().toString());
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).isEqualTo("stored 2 predictions and 3 outcomes from 2 files\n");
        }
        assertThat(joined().labelled()).isEqualTo(1);
    }
}
