package io.vigil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.ingest.IngestRoutes;
import io.vigil.notify.Links;
import io.vigil.notify.Notifier;
import io.vigil.notify.NotifyOptions;
import io.vigil.notify.OutboxWorld;
import io.vigil.server.ApiServer;
import io.vigil.server.RouteGroup;
import io.vigil.server.ServerSettings;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreSettings;
import io.vigil.store.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile requests of a fault-injection run, on H2 and on PostgreSQL: each is a 4xx with a JSON
 * body naming the field, and nothing is stored. Before, a year-999999999 timestamp was a 500, a NUL in
 * a feature name a 503 on PostgreSQL (which clients retry forever) while H2 stored it, a silence with
 * a key given twice was accepted, and an oversized header got Jetty's HTML page.
 */
class HostileInputTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    final HttpClient http = HttpClient.newHttpClient();

    static Stream<Arguments> stores() {
        return Stream.of(Arguments.of("h2"), Arguments.of("postgresql"));
    }

    record Refusal(String body, String path) {}

    static List<Refusal> snapshots() {
        String metric = ", \"metrics\": [{\"name\": \"accuracy\", \"value\": 0.9}]}";
        List<Refusal> out = new ArrayList<>();
        for (String t : List.of("\"+999999999-12-31T23:59:59Z\"", "\"1969-12-31T23:59:59Z\"", "\"10000-01-01T00:00:00Z\"",
                "-1", "253402300800000", "\"-000001-01-01T00:00:00Z\"")) {
            out.add(new Refusal("{\"model\": \"m\", \"timestamp\": " + t + metric, "timestamp"));
        }
        out.add(new Refusal("{\"model\": \"m\", \"timestamp\": \"2026-01-01T00:00:00Z\", \"distributions\": "
                + "[{\"feature\": \"a\\u0000b\", \"categories\": {\"x\": 1}}]}", "distributions[0].feature"));
        out.add(new Refusal("{\"model\": \"m\", \"model\": \"n\", \"timestamp\": \"2026-01-01T00:00:00Z\"" + metric, null));
        return out;
    }

    static List<Refusal> silences() {
        String ok = "\"matchers\": [\"model=m\"], \"duration\": \"1h\"";
        return List.of(
                new Refusal("{" + ok + ", \"comment\": \"a\", \"comment\": \"b\"}", "comment"),
                new Refusal("{" + ok + ", \"comment\": \"nul \\u0000 here\"}", "comment"),
                new Refusal("{" + ok + ", \"comment\": \"c\", \"created_by\": \"\\u0000\"}", "created_by"),
                new Refusal("{\"matchers\": [\"model=m\"], \"ends_at\": \"+999999999-12-31T23:59:59Z\", \"comment\": \"c\"}",
                        "ends_at"),
                new Refusal("{\"matchers\": [\"model=m\"], \"duration\": \"99999999d\", \"comment\": \"c\"}", "duration"));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void hostileRequestsAre4xxJsonAndStoreNothing(String vendor) throws Exception {
        StoreSettings settings = vendor.equals("h2") ? StoreSettings.of("jdbc:h2:file:" + dir.resolve("db/vigil"))
                : TestPostgres.newDatabase();
        try (JdbcMetricStore store = JdbcMetricStore.open(settings)) {
            Notifier notifier = new Notifier(OutboxWorld.config(dir, "", Map.of()), store.database().dataSource(),
                    Clock.systemUTC(), NotifyOptions.defaults(Links.of("http://vigil.test")));
            List<RouteGroup> routes = new ArrayList<>(notifier.routes());
            routes.add(new IngestRoutes(store));
            try (ApiServer api = ApiServer.start(ServerSettings.defaults().withPort(0), routes)) {
                for (Refusal r : snapshots()) refused(api.baseUri(), "/api/v1/snapshots", r);
                for (Refusal r : silences()) refused(api.baseUri(), "/api/v1/silences", r);

                // 100 KB of header: Jetty refuses it before any route, and says so in the API's JSON.
                HttpResponse<String> big = http.send(HttpRequest.newBuilder(api.baseUri().resolve("/api/v1/health"))
                        .header("X-Big", "x".repeat(100_000)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(big.statusCode()).isEqualTo(431);
                assertThat(big.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                        .startsWith("application/json"));
                assertThat(JSON.readTree(big.body()).get("error").asText()).contains("headers are too large");
            }
            try (Connection c = store.database().dataSource().getConnection()) {
                for (String table : List.of("series", "samples", "distributions", "silences")) {
                    try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
                        rs.next();
                        assertThat(rs.getLong(1)).as(table).isZero();
                    }
                }
            }
        }
    }

    private void refused(URI base, String path, Refusal r) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(r.body())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as("%s %s", path, r.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(res.body());
        String text = body.toString();
        if (r.path() != null) assertThat(text).as(r.body()).contains("\"" + r.path() + "\"");
        else assertThat(text).as(r.body()).contains("model");
    }
}
