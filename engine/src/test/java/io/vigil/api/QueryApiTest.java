package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.Slow;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.RuleCompiler;
import io.vigil.ingest.IngestRoutes;
import io.vigil.runtime.StoreOperands;
import io.vigil.server.ApiServer;
import io.vigil.server.ServerSettings;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreSettings;
import io.vigil.store.TestPostgres;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The query API over real HTTP on a real H2 file and a real PostgreSQL: snapshots POSTed, expressions
 * evaluated at chosen times; every expected value is worked out by hand beside it.
 */
@Slow
class QueryApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir static Path dir;

    static Stream<Arguments> stores() {
        Supplier<StoreSettings> h2 = () -> StoreSettings.of("jdbc:h2:file:" + dir.resolve("h2-" + System.nanoTime()));
        Supplier<StoreSettings> pg = TestPostgres::newDatabase;
        return Stream.of(Arguments.of("H2", h2), Arguments.of("PostgreSQL", pg));
    }

    private record Res(int status, JsonNode body) {}

    private static Res get(ApiServer s, String path, String... params) throws Exception {
        StringBuilder q = new StringBuilder(path);
        for (int i = 0; i < params.length; i += 2) {
            q.append(i == 0 ? '?' : '&').append(params[i]).append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUri() + q.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Res(res.statusCode(), JSON.readTree(res.body()));
    }

    private static void post(ApiServer s, String body) throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(s.baseUri().resolve("/api/v1/snapshots"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    }

    /** latency per segment at T0, T0+5m, T0+10m: EU 100, 200, 300; US 50, 50, 50. */
    private static void feed(ApiServer s) throws Exception {
        double[] eu = {100, 200, 300};
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < eu.length; i++) {
            batch.add("{\"model\":\"a\",\"timestamp\":\"" + T0.plus(Duration.ofMinutes(5L * i)) + "\",\"metrics\":["
                    + "{\"name\":\"latency\",\"labels\":{\"segment\":\"EU\"},\"value\":" + eu[i] + "},"
                    + "{\"name\":\"latency\",\"labels\":{\"segment\":\"US\"},\"value\":50}]}");
        }
        post(s, "[" + String.join(",", batch) + "]");
    }

    private static ApiServer start(JdbcMetricStore store) {
        return ApiServer.start(ServerSettings.defaults().withPort(0), List.of(new IngestRoutes(store),
                new QueryRoutes(new ExpressionQuery(new RuleCompiler(CompileOptions.defaults()), null),
                        new StoreOperands(store), Clock.fixed(T0.plus(Duration.ofMinutes(10)), ZoneOffset.UTC), List::of)));
    }

    private static String element(JsonNode e) {
        return e.get("labels") + " " + e.get("value").asDouble() + (e.get("holds").asBoolean() ? " holds" : "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void everyElementWithItsValueNotOnlyBreaches(String name, Supplier<StoreSettings> settings) throws Exception {
        try (JdbcMetricStore store = JdbcMetricStore.open(settings.get()); ApiServer s = start(store)) {
            feed(s);
            // At T0+5m: EU 200, US 50; doubled 400 and 100; only EU's is above 250.
            Res r = get(s, "/api/v1/query", "expr", "latency * 2 > 250", "model", "a", "at", "2026-01-01T00:05:00Z");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().get("compared").asText()).isEqualTo("latency * 2");
            assertThat(r.body().get("threshold").asDouble()).isEqualTo(250.0);
            List<String> got = new ArrayList<>();
            r.body().get("result").forEach(e -> got.add(element(e)));
            assertThat(got).containsExactlyInAnyOrder("{\"segment\":\"EU\"} 400.0 holds", "{\"segment\":\"US\"} 100.0");
            JsonNode eu = find(r.body().get("result"), "EU");
            assertThat(eu.get("explanation").get("condition").asText()).isEqualTo("latency * 2 > 250");
            assertThat(eu.get("explanation").get("operands").get(0).get("value").asDouble()).isEqualTo(200.0);

            // A bare series: every element, nothing compared. Without 'at' the clock's now (T0+10m): EU 300.
            Res bare = get(s, "/api/v1/query", "expr", "avg(latency{segment=\"EU\"}, 15m)", "model", "a");
            assertThat(bare.body().get("at").asText()).isEqualTo("2026-01-01T00:10:00Z");
            // (T0-5m, T0+10m] holds the samples 100, 200, 300: the mean is 200.
            assertThat(bare.body().get("result")).hasSize(1);
            assertThat(bare.body().get("result").get(0).get("value").asDouble()).isEqualTo(200.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void rangeGivesEachElementsValuesOverTime(String name, Supplier<StoreSettings> settings) throws Exception {
        try (JdbcMetricStore store = JdbcMetricStore.open(settings.get()); ApiServer s = start(store)) {
            feed(s);
            Res r = get(s, "/api/v1/query_range", "expr", "latency > 150", "model", "a",
                    "from", "2026-01-01T00:00:00Z", "to", "2026-01-01T00:10:00Z", "step", "5m");
            assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
            assertThat(r.body().get("evaluations").asInt()).isEqualTo(3);
            // EU 100, 200, 300 (above 150 from the second step); US 50 throughout, never above.
            assertThat(points(find(r.body().get("result"), "EU"))).containsExactly(
                    "2026-01-01T00:00:00Z 100.0", "2026-01-01T00:05:00Z 200.0 holds", "2026-01-01T00:10:00Z 300.0 holds");
            assertThat(points(find(r.body().get("result"), "US"))).containsExactly(
                    "2026-01-01T00:00:00Z 50.0", "2026-01-01T00:05:00Z 50.0", "2026-01-01T00:10:00Z 50.0");
            // Unix seconds are accepted as Prometheus does: 1767225600 is T0.
            Res unix = get(s, "/api/v1/query_range", "expr", "latency", "model", "a",
                    "from", "1767225600", "to", "1767225900", "step", "5m");
            assertThat(unix.body().get("evaluations").asInt()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void badExpressionsAreLocated400s(String name, Supplier<StoreSettings> settings) throws Exception {
        try (JdbcMetricStore store = JdbcMetricStore.open(settings.get()); ApiServer s = start(store)) {
            Res unknown = get(s, "/api/v1/query", "expr", "latency > 1 and nosuch_fn(latency)", "model", "a");
            assertThat(unknown.status()).isEqualTo(400);
            JsonNode d = unknown.body().get("diagnostics").get(0);
            // 'nosuch_fn' starts at column 17 of line 1 of the expression.
            assertThat(d.get("line").asInt()).isEqualTo(1);
            assertThat(d.get("column").asInt()).isEqualTo(17);
            assertThat(unknown.body().get("error").asText()).startsWith("1:17: ");
            assertThat(d.get("text").asText()).contains("latency > 1 and nosuch_fn(latency)\n                ^");

            Res incomplete = get(s, "/api/v1/query", "expr", "latency >", "model", "a");
            assertThat(incomplete.status()).isEqualTo(400);
            assertThat(incomplete.body().get("diagnostics").get(0).get("line").asInt()).isEqualTo(1);

            // Text that closes the wrapping rule and opens another is refused, not evaluated.
            Res injected = get(s, "/api/v1/query", "expr", "latency > 1 } rule x { when latency > 2", "model", "a");
            assertThat(injected.status()).isEqualTo(400);

            Res badModel = get(s, "/api/v1/query", "expr", "latency", "model", "a b");
            assertThat(badModel.status()).isEqualTo(400);
            Res badStep = get(s, "/api/v1/query_range", "expr", "latency", "model", "a", "from", "1767225600",
                    "to", "1767225900", "step", "soon");
            assertThat(badStep.status()).isEqualTo(400);
            assertThat(badStep.body().get("path").asText()).isEqualTo("step");
            Res tooMany = get(s, "/api/v1/query_range", "expr", "latency", "model", "a", "from", "2026-01-01T00:00:00Z",
                    "to", "2026-12-31T00:00:00Z", "step", "1m");
            assertThat(tooMany.status()).isEqualTo(400);
            assertThat(tooMany.body().get("error").asText()).contains("11000 points");
        }
    }

    private static JsonNode find(JsonNode result, String segment) {
        for (JsonNode e : result) if (segment.equals(e.get("labels").path("segment").asText())) return e;
        throw new AssertionError("no element with segment " + segment + " in " + result);
    }

    private static List<String> points(JsonNode series) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : series.get("values")) {
            out.add(v.get(0).asText() + " " + v.get(1).asDouble() + (v.get(2).asBoolean() ? " holds" : ""));
        }
        return out;
    }
}
