package io.vigil.runtime;

import io.vigil.Slow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.RuleCompiler;
import io.vigil.config.CatchUp;
import io.vigil.ingest.IngestRoutes;
import io.vigil.server.ApiServer;
import io.vigil.api.EngineRoutes;
import io.vigil.server.ServerSettings;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreSettings;
import io.vigil.store.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine end to end on a real H2 file database and a real PostgreSQL: snapshots POSTed over real
 * HTTP, time driven by the test, alert timelines read back through the HTTP API. Every expected timeline
 * is worked out by hand from language.md §3–4 in the comments beside it.
 */
@Slow
class EngineHttpEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir static Path dir;

    static Stream<Arguments> stores() {
        Supplier<StoreSettings> h2 = () -> StoreSettings.of("jdbc:h2:file:" + dir.resolve("h2-" + System.nanoTime()));
        Supplier<StoreSettings> pg = TestPostgres::newDatabase;
        return Stream.of(Arguments.of("H2", h2), Arguments.of("PostgreSQL", pg));
    }

    private static final String RULES = """
            model a {
              every 5m
              rule latency_high {
                when latency > 100
                for 10m
                keep_firing_for 10m
              }
            }
            model b {
              every 5m
              rule challenger_worse {
                when accuracy{variant="challenger"} < ignoring(variant) accuracy{variant="champion"} - 0.05
              }
            }
            model c {
              every 5m
              baseline "training"
              rule many_drifted {
                when count_of(psi(feature=*, window=1h) > 0.2) >= 2
              }
              rule f1_ks {
                when ks_pvalue(feature="f1", window=1h) < 0.05
              }
            }
            model d {
              every 1h
              rule conversion_dropped {
                when change(conversion, 7d) < -10%
              }
            }
            model e {
              every 5m
              rule heartbeat_missing {
                when absent(heartbeat, 10m)
              }
            }
            """;

    private record Running(JdbcMetricStore store, Engine engine, ApiServer server) implements AutoCloseable {
        @Override public void close() {
            engine.close();
            server.close();
            store.close();
        }
    }

    private static Running start(StoreSettings settings, Path rules, CatchUp catchUp) throws Exception {
        JdbcMetricStore store = JdbcMetricStore.open(settings);
        Engine engine = new Engine(store.database(), store, new RuleCompiler(CompileOptions.defaults()), catchUp,
                Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(engine.load(List.of(rules), null).hasErrors()).isFalse();
        ApiServer server = ApiServer.start(ServerSettings.defaults().withPort(0),
                List.of(new IngestRoutes(store), new EngineRoutes(engine, store.database())));
        return new Running(store, engine, server);
    }

    private static JsonNode get(Running r, String path) throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(r.server().baseUri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(res.body());
    }

    private static void post(Running r, String path, String body) throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(r.server().baseUri().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(path + " " + res.body()).isBetween(200, 299);
    }

    private static String snapshot(String model, Instant at, String metrics, String distributions) {
        return "{\"model\":\"" + model + "\",\"timestamp\":\"" + at + "\",\"metrics\":[" + metrics + "]"
                + (distributions == null ? "" : ",\"distributions\":[" + distributions + "]") + "}";
    }

    private static String metric(String name, String labels, double v) {
        return "{\"name\":\"" + name + "\",\"labels\":{" + labels + "},\"value\":" + v + "}";
    }

    private static String values(double from, double step, int n) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < n; i++) s.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", from + i * step));
        return s.append(']').toString();
    }

    /** "rule {labels}: 5m pending, 15m firing" for every instance with a transition, via the API. */
    private static List<String> timelines(Running r) throws Exception {
        List<String> out = new ArrayList<>();
        for (String state : new String[] {"pending", "firing", "inactive"}) {
            for (JsonNode a : get(r, "/api/v1/alerts?state=" + state)) {
                JsonNode history = get(r, "/api/v1/alerts/" + a.get("id").asLong() + "/history");
                List<String> steps = new ArrayList<>();
                for (JsonNode t : history.get("transitions")) {
                    long m = Duration.between(T0, Instant.parse(t.get("at").asText())).toMinutes();
                    steps.add(m + "m " + t.get("kind").asText());
                }
                out.add(a.get("model").asText() + "/" + a.get("rule").asText() + " "
                        + new TreeMap<String, String>(JSON.convertValue(a.get("labels"), new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, String>>() {})) + ": "
                        + String.join(", ", steps));
            }
        }
        out.sort(null);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void alertTimelinesOverHttp(String name, Supplier<StoreSettings> settings) throws Exception {
        Path rules = Files.writeString(dir.resolve("e2e-" + name + ".vigil"), RULES);
        try (Running r = start(settings.get(), rules, CatchUp.LAST)) {
            // Model c: a baseline of three numeric features, 0.0 … 9.9.
            post(r, "/api/v1/baselines/c/training", "{\"distributions\":["
                    + "{\"feature\":\"f1\",\"values\":" + values(0, 0.1, 100) + "},"
                    + "{\"feature\":\"f2\",\"values\":" + values(0, 0.1, 100) + "},"
                    + "{\"feature\":\"f3\",\"values\":" + values(0, 0.1, 100) + "}]}");
            // Model d: 14 days of hourly conversion before T0, 0.05 then 0.04 (a 20 % drop).
            StringBuilder d = new StringBuilder("[");
            for (int h = 14 * 24 - 1; h >= 0; h--) {
                Instant at = T0.minus(Duration.ofHours(h));
                d.append(d.length() > 1 ? "," : "").append(snapshot("d", at,
                        metric("conversion", "", h >= 7 * 24 ? 0.05 : 0.04), null));
            }
            post(r, "/api/v1/snapshots", d.append(']').toString());

            double[] eu = {50, 150, 150, 150, 50, 150, 50, 50, 50, 50};
            for (int i = 0; i < eu.length; i++) {
                Instant t = T0.plus(Duration.ofMinutes(5L * i));
                List<String> batch = new ArrayList<>();
                batch.add(snapshot("a", t, metric("latency", "\"segment\":\"EU\"", eu[i]) + ","
                        + metric("latency", "\"segment\":\"US\"", 150), null));
                batch.add(snapshot("b", t, String.join(",",
                        metric("accuracy", "\"segment\":\"EU\",\"variant\":\"champion\"", 0.9),
                        metric("accuracy", "\"segment\":\"EU\",\"variant\":\"challenger\"", 0.8),
                        metric("accuracy", "\"segment\":\"US\",\"variant\":\"champion\"", 0.9),
                        metric("accuracy", "\"segment\":\"US\",\"variant\":\"challenger\"", 0.88)), null));
                // f1 moved far out of the baseline's range, f2 by 3 units, f3 unchanged.
                batch.add(snapshot("c", t, "", "{\"feature\":\"f1\",\"values\":" + values(20, 0.1, 100) + "},"
                        + "{\"feature\":\"f2\",\"values\":" + values(3, 0.1, 100) + "},"
                        + "{\"feature\":\"f3\",\"values\":" + values(0, 0.1, 100) + "}"));
                if (i <= 3) batch.add(snapshot("e", t, metric("heartbeat", "", 1), null));
                post(r, "/api/v1/snapshots", "[" + String.join(",", batch) + "]");
                r.engine().runDue(t);
            }
            assertThat(timelines(r)).containsExactly(
                    // EU: holds at 5m (pending); 15m − 5m = for → firing; stops at 20m (kept), holds at 25m
                    // (cleared), stops at 30m; 40m − 30m = keep_firing_for → resolved.
                    "a/latency_high {segment=EU}: 5m pending, 15m firing, 40m resolved",
                    // US holds from the first evaluation: pending at 0m, firing at 10m, still firing.
                    "a/latency_high {segment=US}: 0m pending, 10m firing",
                    // EU challenger 0.8 < 0.9 − 0.05; US 0.88 is not. ignoring(variant) drops the label.
                    "b/challenger_worse {segment=EU}: 0m firing",
                    // KS between disjoint samples of 100: D = 1, p ≈ 1e-59.
                    "c/f1_ks {feature=f1}: 0m firing",
                    // f1 and f2 have PSI far above 0.2, f3 has 0: count 2 ≥ 2. One instance, no labels.
                    "c/many_drifted {}: 0m firing",
                    // (0.04 − 0.05) / 0.05 = −20 % < −10 %, at the first hourly evaluation T0.
                    "d/conversion_dropped {}: 0m firing",
                    // Last heartbeat at 15m; at 25m the window (15m, 25m] is empty → absent.
                    "e/heartbeat_missing {}: 25m firing");

            JsonNode many = find(get(r, "/api/v1/alerts?state=firing"), "many_drifted");
            assertThat(many.get("value").asDouble()).isEqualTo(2.0);
            JsonNode change = find(get(r, "/api/v1/alerts?state=firing"), "conversion_dropped");
            assertThat(change.get("value").asDouble()).isCloseTo(-0.2, org.assertj.core.api.Assertions.within(1e-9));
            JsonNode ks = find(get(r, "/api/v1/alerts?state=firing"), "f1_ks");
            assertThat(ks.get("explanation").get("operands").get(0).get("operand").asText())
                    .isEqualTo("ks_pvalue(feature=\"f1\", baseline=\"training\", window=1h)");

            // Firing at the end: US latency, b, both c rules, d, e (EU latency resolved at 40m) = 6.
            String metrics = HTTP.send(HttpRequest.newBuilder(r.server().baseUri().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("vigil_alerts{state=\"firing\"} 6").contains("vigil_ingest_requests_accepted_total 11");
        }
    }

    private static JsonNode find(JsonNode alerts, String rule) {
        for (JsonNode a : alerts) if (a.get("rule").asText().equals(rule)) return a;
        throw new AssertionError("no alert of " + rule + " in " + alerts);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void missedEvaluationsAreCaughtUpWithTheirOwnTimes(String name, Supplier<StoreSettings> settings) throws Exception {
        Path rules = Files.writeString(dir.resolve("catchup-" + name + ".vigil"), """
                model a {
                  every 5m
                  rule latency_high {
                    when latency > 100
                    for 10m
                  }
                }
                """);
        StoreSettings s = settings.get();
        try (Running r = start(s, rules, CatchUp.ALL)) {
            List<String> batch = new ArrayList<>();
            for (int m = 0; m <= 15; m += 5) {
                batch.add(snapshot("a", T0.plus(Duration.ofMinutes(m)), metric("latency", "", 150), null));
            }
            post(r, "/api/v1/snapshots", "[" + String.join(",", batch) + "]");
            r.engine().runDue(T0); // evaluated at 0m: pending
        }
        // Down for three ticks (5m, 10m, 15m); at 17m a new engine on the same database catches up.
        try (Running r = start(s, rules, CatchUp.ALL)) {
            r.engine().catchUp(T0.plus(Duration.ofMinutes(17)));
            // Each missed evaluation ran with its own T, so it fired at 10m (0m + for), not at 17m.
            assertThat(timelines(r)).containsExactly("a/latency_high {}: 0m pending, 10m firing");
            assertThat(r.engine().repository().lastEvaluation("a|every 5m")).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        }
    }
}
