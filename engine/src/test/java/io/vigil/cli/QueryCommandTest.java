package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.EngineRoutes;
import io.vigil.api.ExpressionQuery;
import io.vigil.api.EngineApi;
import io.vigil.api.QueryRoutes;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.RuleCompiler;
import io.vigil.ingest.IngestRoutes;
import io.vigil.runtime.Engine;
import io.vigil.runtime.StoreOperands;
import io.vigil.config.CatchUp;
import io.vigil.server.ApiServer;
import io.vigil.server.ServerSettings;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil query} and {@code vigil eval --server / --all} against a real engine API on 127.0.0.1 over a
 * real H2 file; expected values worked out by hand from the snapshots below.
 */
class QueryCommandTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String RULES = """
            model a {
              every 5m
              rule latency_high { when latency > 150 }
              rule latency_slow { when latency > 40 for 10m }
            }
            """;

    @TempDir Path dir;

    /** latency EU 100 at T0 and 200 at T0+5m; US 50 at both. */
    private static void feed(ApiServer s) throws Exception {
        String body = "[" + snapshot(T0, 100) + "," + snapshot(T0.plusSeconds(300), 200) + "]";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(s.baseUri().resolve("/api/v1/snapshots"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static String snapshot(Instant t, double eu) {
        return "{\"model\":\"a\",\"timestamp\":\"" + t + "\",\"metrics\":["
                + "{\"name\":\"latency\",\"labels\":{\"segment\":\"EU\"},\"value\":" + eu + "},"
                + "{\"name\":\"latency\",\"labels\":{\"segment\":\"US\"},\"value\":50}]}";
    }

    @Test
    void queryAndEvalReachARunningEngine() throws Exception {
        Path rules = Files.writeString(dir.resolve("a.vigil"), RULES);
        String url = "jdbc:h2:file:" + dir.resolve("store");
        try (JdbcMetricStore store = JdbcMetricStore.open(StoreSettings.of(url));
             Engine engine = new Engine(store.database(), store, new RuleCompiler(CompileOptions.defaults()), CatchUp.NONE,
                     Clock.fixed(T0, ZoneOffset.UTC))) {
            assertThat(engine.load(List.of(rules), null).hasErrors()).isFalse();
            try (ApiServer api = ApiServer.start(ServerSettings.defaults().withPort(0), List.of(new IngestRoutes(store),
                    new EngineRoutes(engine, store.database()),
                    new QueryRoutes(new ExpressionQuery(new RuleCompiler(CompileOptions.defaults()), null),
                            new StoreOperands(store), Clock.fixed(T0, ZoneOffset.UTC), () -> EngineApi.loadedRules(engine))))) {
                feed(api);
                String server = api.baseUri().toString();

                CommandRun q = CommandRun.of("query", "latency > 150", "--model", "a", "--at", "2026-01-01T00:05:00Z",
                        "--server", server);
                assertThat(q.exit()).as(q.err()).isZero();
                assertThat(q.out()).isEqualTo("""
                        latency at 2026-01-01T00:05:00Z, threshold 150
                          {segment="EU"}  200  holds
                          {segment="US"}  50
                        2 elements
                        """);

                CommandRun range = CommandRun.of("query", "latency{segment=\"EU\"}", "--model", "a", "--server", server,
                        "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-01T00:05:00Z", "--step", "5m");
                assertThat(range.exit()).as(range.err()).isZero();
                // A bare series as a condition holds for every element it has (language.md §3.6).
                assertThat(range.out()).contains("""
                          {segment="EU"}
                            2026-01-01T00:00:00Z  100  holds
                            2026-01-01T00:05:00Z  200  holds
                        """);

                CommandRun bad = CommandRun.of("query", "latency > > 1", "--model", "a", "--server", server);
                assertThat(bad.exit()).isEqualTo(1);
                // The caret sits under the second '>' (column 11), in the expression's own coordinates.
                assertThat(bad.err()).startsWith("expr:1:11: error:").contains("latency > > 1\n          ^");

                // At T0+5m: latency_high holds for EU (200 > 150) only; latency_slow holds for EU (200 > 40) and
                // US (50 > 40), pending because of its 'for'.
                CommandRun eval = CommandRun.of("eval", "--server", server, "--at", "2026-01-01T00:05:00Z");
                assertThat(eval.exit()).as(eval.err()).isZero();
                assertThat(eval.out()).contains("a/latency_high{segment=\"EU\"}  200  firing\n")
                        .contains("a/latency_slow{segment=\"EU\"}  200  pending\n")
                        .contains("a/latency_slow{segment=\"US\"}  50  pending\n")
                        .doesNotContain("inactive")
                        .endsWith("2 rules evaluated: 3 instances, 0 errors\n");
                CommandRun evalAll = CommandRun.of("eval", "--server", server, "--at", "2026-01-01T00:05:00Z", "--all");
                assertThat(evalAll.out()).contains("a/latency_high{segment=\"US\"}  50  inactive\n")
                        .endsWith("2 rules evaluated: 3 instances (4 elements), 0 errors\n");
                // At T0: EU 100 is not above 150.
                CommandRun early = CommandRun.of("eval", "--server", server, "--at", "2026-01-01T00:00:00Z", "--all");
                assertThat(early.out()).contains("a/latency_high{segment=\"EU\"}  100  inactive\n");
            }
        }
        // The same evaluation without a server, reading the store file the engine has let go of.
        CommandRun local = CommandRun.of("eval", rules.toString(), "--store", url, "--at", "2026-01-01T00:05:00Z", "--all");
        assertThat(local.exit()).as(local.err()).isZero();
        assertThat(local.out()).contains("a/latency_high{segment=\"EU\"}  200  firing\n")
                .contains("a/latency_high{segment=\"US\"}  50  inactive\n")
                .endsWith("2 rules evaluated: 3 instances (4 elements), 0 errors\n");
    }
}
