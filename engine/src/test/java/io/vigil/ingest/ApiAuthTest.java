package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.server.ApiServer;
import io.vigil.server.ServerSettings;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Bearer-token authentication over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAuthTest {
    @TempDir static Path dir;
    JdbcMetricStore store;
    ApiServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        store = JdbcMetricStore.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("vigil")));
        server = ApiServer.start(ServerSettings.defaults().withPort(0).withTokens(List.of("s3cret", "other-token")),
                List.of(new IngestRoutes(store)));
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    HttpResponse<String> post(String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/snapshots"))
                .POST(HttpRequest.BodyPublishers.ofString(IngestApiTest.SNAPSHOT));
        if (authorization != null) b.header("Authorization", authorization);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsWithoutAValidTokenGet401AndStoreNothing() throws Exception {
        HttpResponse<String> none = post(null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(new ObjectMapper().readTree(none.body()).get("error").asText())
                .isEqualTo("missing bearer token (Authorization: Bearer <token>)");
        assertThat(post("Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(post("Bearer s3cre").statusCode()).as("a prefix of a token").isEqualTo(401);
        assertThat(post("Basic czNjcmV0").statusCode()).isEqualTo(401);
        assertThat(store.query(io.vigil.store.WindowQuery.last(io.vigil.store.Selector.of("churn", "accuracy"),
                java.time.Instant.parse("2026-11-26T10:00:00Z"), java.time.Duration.ofMinutes(1)))).isEmpty();
        assertThat(post("Bearer s3cret").statusCode()).isEqualTo(200);
        assertThat(post("bearer other-token").statusCode()).isEqualTo(200);
    }

    @Test
    void theDefaultBodyLimitIs16MiB() throws Exception {
        // The refusal is decided on the declared length, before any of the body is read: send only the
        // headers, so the test does not race a 16 MiB upload against a server that closes on it.
        DeclaredLengthPost.Response r = DeclaredLengthPost.send(server.port(), "/api/v1/snapshots",
                16 * 1024 * 1024 + 1, "Authorization: Bearer s3cret");
        assertThat(r.statusLine()).startsWith("HTTP/1.1 413");
    }

    @Test
    void withTokensTheApiListensOnEveryAddress() {
        assumeFalse(ReachableAddresses.nonLoopback().isEmpty(), "this host has no non-loopback address");
        assertThat(ReachableAddresses.canConnectFromAnotherAddress(server.port())).isTrue();
    }
}
