package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/diff/backtest} over real HTTP refusing what it cannot backtest, each refusal naming the
 * field; the results themselves are compared with {@code vigil diff --store} in DiffCommandTest.
 */
class DiffApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OLD = "{\"path\": \"rules/shop.vigil\", \"text\": \"model shop {\\n  every 5m\\n"
            + "  rule low { when accuracy < 0.85 }\\n}\\n\"}";
    private static final String NEW = OLD.replace("0.85", "0.8");

    @TempDir Path dir;
    private JdbcMetricStore store;
    private ApiServer server;

    @BeforeEach
    void start() {
        store = JdbcMetricStore.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("vigil")));
        // with tokens the default binds every interface: this test needs only loopback
        server = ApiServer.start(new ServerSettings(ServerSettings.LOOPBACK, 0, List.of("s3cret"), ServerSettings.DEFAULT_MAX_BODY),
                List.of(new DiffRoutes(store, null)));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    private record Res(int status, JsonNode body) {}

    private Res post(String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/diff/backtest"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Res(r.statusCode(), JSON.readTree(r.body()));
    }

    private static String body(String before, String after, String from, String to) {
        return "{\"before\": " + before + ", \"after\": " + after + ", \"from\": " + from + ", \"to\": " + to + "}";
    }

    @Test
    void aBacktestOnAnEmptyStoreHasNoEpisodes() throws Exception {
        Res r = post(body("[" + OLD + "]", "[" + NEW + "]", "\"2026-01-01T00:00:00Z\"", "\"2026-01-01T01:00:00Z\""), "s3cret");

        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        JsonNode rule = r.body().get("rules").get(0);
        assertThat(rule.get("before_id").asText()).isEqualTo("shop/low");
        assertThat(rule.get("after_id").asText()).isEqualTo("shop/low");
        assertThat(rule.get("only_before")).isEmpty();
        // 00:00 to 01:00 every 5 minutes is 13 evaluations of each version
        assertThat(rule.get("before").get("evaluations").asLong()).isEqualTo(13);
        assertThat(rule.get("after").get("evaluations").asLong()).isEqualTo(13);
    }

    @Test
    void withoutTheTokenNothingIsRun() throws Exception {
        Res r = post(body("[" + OLD + "]", "[" + NEW + "]", "\"2026-01-01T00:00:00Z\"", "\"2026-01-01T01:00:00Z\""), null);

        assertThat(r.status()).isEqualTo(401);
        assertThat(post(body("[]", "[]", "0", "60"), "wrong").status()).isEqualTo(401);
    }

    @Test
    void eachBadFieldIsA400NamingIt() throws Exception {
        String ok = "[" + OLD + "]";
        assertRefused(post("[1, 2]", "s3cret"), null, "must be a JSON object");
        assertRefused(post("{\"before\": [], \"after\": [], \"to\": \"2026-01-01T00:00:00Z\"}", "s3cret"), "from", "from is required");
        assertRefused(post(body(ok, ok, "\"yesterday\"", "\"2026-01-01T00:00:00Z\""), "s3cret"), "from", "RFC 3339");
        assertRefused(post(body(ok, ok, "\"2026-01-02T00:00:00Z\"", "\"2026-01-01T00:00:00Z\""), "s3cret"), "to", "is before from");
        assertRefused(post(body("{}", ok, "0", "60"), "s3cret"), "before", "must be an array");
        assertRefused(post(body(ok, "[{\"path\": \"a.vigil\"}]", "0", "60"), "s3cret"), "after[0].text", "the file's text");
        assertRefused(post(body(ok, "[" + OLD + ", " + OLD + "]", "0", "60"), "s3cret"), "after[1].path", "appears twice");
        // a rule error is reported at its file:line:col, as vigil check does
        String broken = NEW.replace("accuracy < 0.8", "accuracy <");
        Res r = post(body(ok, "[" + broken + "]", "0", "60"), "s3cret");
        assertRefused(r, "after", "the after rules have 1 error(s)");
        assertThat(r.body().get("error").asText()).contains("rules/shop.vigil:3:");
    }

    @Test
    void aTenYearRangeIsRefusedBeforeAnythingRuns() throws Exception {
        String ok = "[" + OLD + "]";
        // 2016 to 2026 is 3,653 days: every 5m is 3,653 x 288 + 1 = 1,052,065 evaluations per version, two versions
        Res r = post(body(ok, "[" + NEW + "]", "\"2016-01-01T00:00:00Z\"", "\"2026-01-01T00:00:00Z\""), "s3cret");

        assertRefused(r, "from", "exceeded the maximum of 200000 scheduled evaluations");
        assertThat(r.body().get("error").asText()).contains("(2104130 from");
    }

    private static void assertRefused(Res r, String path, String message) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(400);
        assertThat(r.body().get("error").asText()).contains(message);
        if (path != null) assertThat(r.body().get("path").asText()).isEqualTo(path);
    }
}
