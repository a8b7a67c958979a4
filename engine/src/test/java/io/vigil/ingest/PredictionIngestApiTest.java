package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.label.LabelMatcher;
import io.vigil.server.ApiServer;
import io.vigil.server.ServerSettings;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.JoinedPredictions;
import io.vigil.stats.quality.ModelKind;
import io.vigil.store.PredictionQuery;
import io.vigil.store.StoreSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** POST /api/v1/predictions and /api/v1/outcomes over real HTTP on 127.0.0.1 into a real H2 database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictionIngestApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, ModelKind> KINDS = Map.of("churn", ModelKind.BINARY, "digits", ModelKind.MULTICLASS,
            "price", ModelKind.REGRESSION);

    @TempDir static Path dir;
    JdbcMetricStore store;
    ApiServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        store = JdbcMetricStore.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("vigil")));
        server = ApiServer.start(ServerSettings.defaults().withPort(0), List.of(new IngestRoutes(store, KINDS::get)));
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(server.baseUri().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    List<Long> counts() throws Exception {
        try (Connection c = store.database().dataSource().getConnection()) {
            return List.of(count(c, "predictions"), count(c, "outcomes"), count(c, "series"));
        }
    }

    private static long count(Connection c, String table) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    JoinedPredictions read(String model, String asOf, LabelMatcher... matchers) {
        return store.predictions(PredictionQuery.of(model, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), Instant.parse(asOf), matchers));
    }

    static Stream<BadSnapshotCorpus> badRecords() {
        return BadSnapshotCorpus.cases("/ingest/bad-predictions");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void refusesBadRecordsWithTheFieldPathAndStoresNothing(BadSnapshotCorpus c) throws Exception {
        post("/api/v1/predictions", """
                {"model": "churn", "id": "seed", "timestamp": "2026-11-26T09:00:00Z", "score": 0.4}""");
        List<Long> before = counts();
        String endpoint = c.name().startsWith("outcome-") ? "/api/v1/outcomes" : "/api/v1/predictions";
        HttpResponse<String> r = post(endpoint, new String(c.input(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body())).isEqualTo(c.expected());
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void storesPredictionsAndOutcomesAndJoinsThemAsOfEachTime() throws Exception {
        HttpResponse<String> r = post("/api/v1/predictions", """
                [{"model": "churn", "id": "j1", "timestamp": "2026-11-26T10:00:00Z", "labels": {"segment": "EU"},
                  "features": {"tenure": 14, "plan": "basic", "income": null}, "score": 0.83, "class": "churn"},
                 {"model": "churn", "id": "j2", "timestamp": "2026-11-26T10:00:01Z", "labels": {"segment": "EU"}, "score": 0.2}]""");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("{\"predictions\": 2}"));
        // An outcome for a prediction that has not arrived yet is kept (j3), a correction is kept (j1).
        r = post("/api/v1/outcomes", """
                [{"model": "churn", "id": "j1", "timestamp": "2026-12-20T00:00:00Z", "actual": "churn"},
                 {"model": "churn", "id": "j1", "timestamp": "2026-12-21T00:00:00Z", "actual": false},
                 {"model": "churn", "id": "j3", "timestamp": "2026-12-20T00:00:00Z", "actual": 1}]""");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("{\"outcomes\": 3}"));
        assertThat(post("/api/v1/predictions", """
                {"model": "churn", "id": "j3", "timestamp": "2026-11-26T10:00:02Z", "labels": {"segment": "US"}, "score": 0.9}""")
                .statusCode()).isEqualTo(200);

        JoinedPredictions before = read("churn", "2026-12-19T23:59:59Z", LabelMatcher.re("segment", "EU|US"));
        assertThat(before.predictions()).isEqualTo(3);
        assertThat(before.labelled()).isZero();
        JoinedPredictions j = read("churn", "2026-12-20T12:00:00Z", LabelMatcher.re("segment", "EU|US"));
        assertThat(j.labelled()).isEqualTo(2);
        assertThat(j.classes().get(j.actual()[0])).isEqualTo("churn");
        assertThat(j.classes().get(j.predicted()[0])).isEqualTo("churn");
        assertThat(j.classes().get(j.actual()[2])).isEqualTo("1");
        JoinedPredictions corrected = read("churn", "2026-12-21T00:00:00Z", LabelMatcher.eq("segment", "EU"));
        assertThat(corrected.classes().get(corrected.actual()[0])).isEqualTo("false");
    }

    @Test
    void resendIsIdempotentChangedRecordIs409UntilReplaced() throws Exception {
        String first = """
                [{"model": "price", "id": "p1", "timestamp": "2026-11-26T10:00:00Z", "value": 10.5},
                 {"model": "price", "id": "p2", "timestamp": "2026-11-26T10:00:00Z", "value": 11}]""";
        assertThat(post("/api/v1/predictions", first).statusCode()).isEqualTo(200);
        List<Long> stored = counts();
        assertThat(post("/api/v1/predictions", first).statusCode()).isEqualTo(200);
        assertThat(counts()).isEqualTo(stored);

        HttpResponse<String> r = post("/api/v1/predictions", """
                [{"model": "price", "id": "p3", "timestamp": "2026-11-26T10:00:00Z", "value": 1},
                 {"model": "price", "id": "p2", "timestamp": "2026-11-26T10:00:00Z", "value": 12}]""");
        assertThat(r.statusCode()).isEqualTo(409);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("path").asText()).isEqualTo("[1].id");
        assertThat(body.get("error").asText()).isEqualTo("prediction 'p2' of model price differs from the stored"
                + " prediction with this id; send \"replace\": true to replace it");
        assertThat(counts()).isEqualTo(stored);

        assertThat(post("/api/v1/predictions", """
                {"model": "price", "id": "p2", "timestamp": "2026-11-26T10:00:00Z", "value": 12, "replace": true}""")
                .statusCode()).isEqualTo(200);
        assertThat(counts()).isEqualTo(stored);
        assertThat(read("price", "2026-11-27T00:00:00Z").values()).containsExactlyInAnyOrder(10.5, 12.0);

        assertThat(post("/api/v1/outcomes", """
                {"model": "price", "id": "p1", "timestamp": "2026-11-27T10:00:00Z", "actual": 9}""").statusCode()).isEqualTo(200);
        r = post("/api/v1/outcomes", """
                {"model": "price", "id": "p1", "timestamp": "2026-11-27T10:00:00Z", "actual": 8}""");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(r.body()).get("path").asText()).isEqualTo("id");
    }
}
