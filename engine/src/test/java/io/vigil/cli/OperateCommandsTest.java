package io.vigil.cli;

import static io.vigil.notify.OutboxWorld.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.ingest.IngestRoutes;
import io.vigil.notify.OutboxWorld;
import io.vigil.notify.WebhookReceiver;
import io.vigil.runtime.AlertRepository;
import io.vigil.server.ApiServer;
import io.vigil.api.EngineRoutes;
import io.vigil.server.RouteGroup;
import io.vigil.server.ServerSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that operate a running engine (silence, alerts, approve, reject, approvals) against
 * the real API on 127.0.0.1, and the API they use: silences, dead letters, retry, alert history, metrics.
 */
class OperateCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RULES = """
            model churn {
              every 5m
              notify hook
              rule acc_low { when accuracy < 0.85 }
            }
            """;

    @TempDir Path dir;
    final HttpClient http = HttpClient.newHttpClient();

    private JsonNode get(ApiServer api, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.baseUri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return path.equals("/metrics") ? JSON.valueToTree(r.body()) : JSON.readTree(r.body());
    }

    private HttpResponse<String> post(ApiServer api, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(api.baseUri().resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void silencesDeadLettersRetryHistoryAndAlerts() throws Exception {
        AtomicBoolean accept = new AtomicBoolean(false);
        try (WebhookReceiver receiver = new WebhookReceiver(n -> accept.get() ? WebhookReceiver.Response.status(200)
                : new WebhookReceiver.Response(400, Map.of(), "bad payload", 0));
             OutboxWorld w = OutboxWorld.open(dir, RULES,
                     "channels:\n  hook: { type: webhook, url: \"" + receiver.url("/") + "\", group_wait: 0s }\n")) {
            List<RouteGroup> routes = new ArrayList<>(List.of(new IngestRoutes(w.store),
                    new EngineRoutes(w.engine, w.store.database(), w.notifier::notificationsOf)));
            routes.addAll(w.notifier.routes());
            try (ApiServer api = ApiServer.start(ServerSettings.defaults().withPort(0), routes)) {
                String server = api.baseUri().toString();
                w.startDispatcher();

                CommandRun add = CommandRun.of("silence", "add", "--server", server, "--match", "model=churn,segment=EU",
                        "--for", "4h", "--comment", "deploying v4", "--by", "alice");
                assertThat(add.exit()).as(add.err()).isZero();
                assertThat(add.out()).matches("silence 1: model=\"churn\", segment=\"EU\" from \\S+ until \\S+\n");
                CommandRun bad = CommandRun.of("silence", "add", "--server", server, "--match", "segment=~\"(EU\"",
                        "--for", "4h", "--comment", "x");
                assertThat(bad.exit()).isEqualTo(2);
                assertThat(bad.err()).startsWith("vigil silence add: HTTP 400: matchers[0]: invalid regular expression '(EU'");
                assertThat(CommandRun.of("silence", "add", "--server", server, "--match", "model=churn", "--for", "1h")
                        .exit()).as("--comment is required").isEqualTo(2);
                HttpResponse<String> noEnd = post(api, "/api/v1/silences", "{\"matchers\": [\"model=churn\"], \"comment\": \"x\"}");
                assertThat(noEnd.statusCode()).isEqualTo(400);
                assertThat(JSON.readTree(noEnd.body()).get("path").asText()).isEqualTo("duration");

                // Evaluate inside the silence (silences apply at the evaluation time).
                Instant t = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
                w.put("churn", "accuracy", "EU", t, 0.5);
                w.put("churn", "accuracy", "US", t, 0.5);
                w.evaluate(t);
                eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("dead")).hasSize(1));

                JsonNode dead = get(api, "/api/v1/deliveries?state=dead");
                assertThat(dead).hasSize(1);
                assertThat(dead.get(0).get("channel").asText()).isEqualTo("hook");
                assertThat(dead.get(0).get("last_error").asText()).isEqualTo("HTTP 400: bad payload");
                assertThat(get(api, "/api/v1/deliveries?state=suppressed").get(0).get("result").asText())
                        .startsWith("suppressed by silence 1 until ").endsWith(" (deploying v4)");
                assertThat(get(api, "/api/v1/deliveries?state=lost").get("path").asText()).isEqualTo("state");
                assertThat(get(api, "/metrics").asText()).contains("\nvigil_deliveries_dead_total 1\n");

                CommandRun alerts = CommandRun.of("alerts", "--server", server);
                assertThat(alerts.exit()).isZero();
                assertThat(alerts.out().lines().filter(l -> l.contains("churn/acc_low") && l.contains("firing")))
                        .hasSize(2);
                JsonNode alertsJson = JSON.readTree(CommandRun.of("alerts", "--server", server, "--format", "json").out());
                assertThat(alertsJson.findValuesAsText("state")).containsExactly("firing", "firing");

                long us = w.engine.repository().alerts(null).stream().filter(a -> a.labels().get("segment").equals("US"))
                        .mapToLong(AlertRepository.AlertRow::id).findFirst().orElseThrow();
                JsonNode history = get(api, "/api/v1/alerts/" + us + "/history");
                assertThat(history.get("notifications")).hasSize(1);
                assertThat(history.get("notifications").get(0).get("state").asText()).isEqualTo("dead");

                accept.set(true);
                long id = dead.get(0).get("id").asLong();
                assertThat(post(api, "/api/v1/deliveries/" + id + "/retry", "").statusCode()).isEqualTo(200);
                eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("delivered")).hasSize(1));
                assertThat(post(api, "/api/v1/deliveries/" + id + "/retry", "").statusCode()).isEqualTo(409);
                assertThat(receiver.requests()).hasSize(2);

                assertThat(CommandRun.of("silence", "list", "--server", server).out())
                        .contains("1  active   model=\"churn\", segment=\"EU\"").contains("by alice: deploying v4");
                CommandRun end = CommandRun.of("silence", "delete", "1", "--server", server);
                assertThat(end.exit()).isZero();
                assertThat(end.out()).startsWith("silence 1 ended at ");
                assertThat(get(api, "/api/v1/silences?state=expired").get(0).get("ended_by").asText()).isNotBlank();

                CommandRun approve = CommandRun.of("approve", "42", "--server", server);
                assertThat(approve.exit()).isEqualTo(2);
                assertThat(approve.err()).isEqualTo("vigil approve: HTTP 404: no approval 42\n");
                assertThat(CommandRun.of("approvals", "--server", server).out()).isEqualTo("no waiting approvals\n");
            }
        }
    }

    @Test
    void anUnreachableEngineIsAnEnvironmentError() {
        CommandRun r = CommandRun.of("alerts", "--server", "http://127.0.0.1:9");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("vigil alerts: cannot reach the engine at http://127.0.0.1:9");
    }
}
