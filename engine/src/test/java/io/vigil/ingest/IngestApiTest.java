package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.label.LabelMatcher;
import io.vigil.server.ApiServer;
import io.vigil.server.ServerSettings;
import io.vigil.stats.FeatureSample;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.Labels;
import io.vigil.store.Selector;
import io.vigil.store.SeriesValue;
import io.vigil.store.StoreSettings;
import io.vigil.store.WindowQuery;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ingest endpoints over real HTTP on 127.0.0.1, writing to a real H2 file database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SNAPSHOT = """
            {"model": "churn", "timestamp": "2026-11-26T10:00:00Z", "labels": {"version": "3.2"},
             "metrics": [{"name": "accuracy", "labels": {"segment": "EU"}, "value": 0.91},
                         {"name": "accuracy", "labels": {"segment": "US"}, "value": 0.87}],
             "distributions": [{"feature": "region", "categories": {"EU": 120, "US": 300}, "nulls": 1}]}""";

    @TempDir static Path dir;
    JdbcMetricStore store;
    ApiServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        store = JdbcMetricStore.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("vigil")));
        server = ApiServer.start(ServerSettings.defaults().withPort(0).withMaxBody(64 * 1024),
                List.of(new IngestRoutes(store)));
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    HttpResponse<String> post(String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(server.baseUri().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, body.getBytes(StandardCharsets.UTF_8));
    }

    long count(String table) throws Exception {
        try (Connection c = store.database().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<Long> counts() throws Exception {
        return List.of(count("series"), count("samples"), count("distributions"), count("baselines"));
    }

    @Test
    void storesASnapshotOnceHoweverOftenItIsDelivered() throws Exception {
        HttpResponse<String> r = post("/api/v1/snapshots", SNAPSHOT);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("{\"snapshots\":1,\"samples\":2,\"distributions\":1}"));
        List<Long> after = counts();
        assertThat(post("/api/v1/snapshots", SNAPSHOT).statusCode()).isEqualTo(200);
        assertThat(counts()).as("re-delivery replaces").isEqualTo(after);

        Selector eu = Selector.of("churn", "accuracy", LabelMatcher.eq("segment", "EU"));
        assertThat(store.query(WindowQuery.last(eu, Instant.parse("2026-11-26T10:00:00Z"), Duration.ofMinutes(5))))
                .containsExactly(new SeriesValue(Labels.of("segment", "EU", "version", "3.2"), 0.91));
        assertThat(store.distributions("churn", "region", Instant.parse("2026-11-26T09:00:00Z"),
                Instant.parse("2026-11-26T10:00:00Z"))).extracting(d -> d.sample())
                .containsExactly(new FeatureSample.Categorical(Map.of("EU", 120L, "US", 300L), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.vigil.ingest.BadSnapshotCorpus#cases")
    void rejectsMalformedSnapshotsWithTheFieldPathAndStoresNothing(BadSnapshotCorpus c) throws Exception {
        post("/api/v1/snapshots", SNAPSHOT);
        List<Long> before = counts();
        HttpResponse<String> r = post("/api/v1/snapshots", c.input());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(JSON.readTree(r.body())).isEqualTo(c.expected());
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void bodiesOverTheLimitGet413WithOrWithoutALength() throws Exception {
        List<Long> before = counts();
        byte[] atLimit = padded(SNAPSHOT, 64 * 1024);
        assertThat(post("/api/v1/snapshots", atLimit).statusCode()).as("exactly the limit").isEqualTo(200);
        byte[] over = padded(SNAPSHOT, 64 * 1024 + 1);
        // Refused on the declared length before the body is read, so only the headers are sent: a client
        // still uploading could see the server's close before its 413 (this test failed so, rarely).
        DeclaredLengthPost.Response r = DeclaredLengthPost.send(server.port(), "/api/v1/snapshots", over.length);
        assertThat(r.statusLine()).startsWith("HTTP/1.1 413");
        assertThat(JSON.readTree(r.body()).get("error").asText())
                .isEqualTo("request body of 65537 bytes exceeds the limit of 65536 bytes (server.max_body)");
        // Chunked: no Content-Length, so the limit is enforced while reading.
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/snapshots"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(over))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(chunked.body()).get("error").asText())
                .isEqualTo("request body of more than 65536 bytes exceeds the limit of 65536 bytes (server.max_body)");
        assertThat(count("samples")).isEqualTo(Math.max(before.get(1), 2));
    }

    /** {@code json} followed by spaces up to {@code size} bytes: still one valid document. */
    static byte[] padded(String json, int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, body, 0, text.length);
        return body;
    }

    @Test
    void storesAndReplacesBaselines() throws Exception {
        String body = "{\"distributions\": [{\"feature\": \"income\", \"values\": [1, 2, null]},"
                + " {\"feature\": \"region\", \"categories\": {\"EU\": 2}}]}";
        HttpResponse<String> r = post("/api/v1/baselines/churn/training", body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()))
                .isEqualTo(JSON.readTree("{\"model\":\"churn\",\"baseline\":\"training\",\"features\":2}"));
        assertThat(store.baseline("churn", "training")).containsExactly(
                Map.entry("income", new FeatureSample.Numeric(new double[] {1, 2}, 1)),
                Map.entry("region", new FeatureSample.Categorical(Map.of("EU", 2L), 0)));

        List<Long> before = counts();
        HttpResponse<String> bad = post("/api/v1/baselines/churn/training",
                "{\"distributions\": [{\"feature\": \"income\", \"values\": [1, \"2\"]}]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body())).isEqualTo(JSON.readTree(
                "{\"error\": \"expected a finite number, found a string\", \"path\": \"distributions[0].values[1]\"}"));
        HttpResponse<String> badName = post("/api/v1/baselines/churn-x/training", body);
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badName.body()).get("error").asText()).isEqualTo("in the URL, model: 'churn-x' is not a"
                + " valid model; use letters, digits and _, not starting with a digit");
        assertThat(post("/api/v1/baselines/churn/training", "{\"distributions\": []}").statusCode()).isEqualTo(400);
        assertThat(counts()).isEqualTo(before);
        assertThat(store.baseline("churn", "training")).hasSize(2);
    }

    @Test
    void unknownEndpointsAndMethodsAnswerInJson() throws Exception {
        HttpResponse<String> r = post("/api/v1/nothing", "{}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("no such endpoint: POST /api/v1/nothing");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/snapshots")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        JsonNode body = JSON.readTree(get.body());
        assertThat(body.get("error").asText()).isEqualTo("GET is not allowed on /api/v1/snapshots");
    }

    @Test
    void withoutTokensTheApiListensOnLoopbackOnly() {
        assertThat(server.baseUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(ReachableAddresses.canConnectFromAnotherAddress(server.port())).isFalse();
    }
}
