package io.vigil.action;

import static io.vigil.notify.OutboxWorld.eventually;
import static io.vigil.notify.OutboxWorld.min;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.Slow;
import io.vigil.notify.MutableClock;
import io.vigil.notify.OutboxWorld;
import io.vigil.notify.WebhookReceiver;
import io.vigil.server.ApiServer;
import io.vigil.server.ServerSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trigger ... approval required}: runs wait for a person, who approves or rejects through the API; or they expire. */
@Slow
class ApprovalTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RULES = """
            model churn {
              every 5m
              rule acc_low {
                when accuracy < 0.85
                trigger retrain cooldown 6h approval required
              }
            }
            """;
    static final Instant WALL = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir Path dir;
    final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> decide(ApiServer api, long id, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(api.baseUri().resolve("/api/v1/approvals/" + id))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Fires the rule at minute {@code m} (after clearing it at m - 5) and returns the new approval's id. */
    private static long fire(OutboxWorld w, int m) {
        long before = w.deliveries("awaiting_approval").size();
        w.put("churn", "accuracy", "EU", min(m - 5), 0.9);
        w.evaluate(min(m - 5));
        w.put("churn", "accuracy", "EU", min(m), 0.5);
        w.evaluate(min(m));
        eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("awaiting_approval")).hasSize((int) before + 1));
        return w.deliveries("awaiting_approval").get(0).id();
    }

    @Test
    void approveRejectAndExpire() throws Exception {
        MutableClock wall = new MutableClock(WALL);
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            String yaml = "actions:\n  retrain: { type: webhook, url: \"" + receiver.url("/run") + "\" }\n"
                    + "approvals: { expire_after: 2h }\n";
            try (OutboxWorld w = OutboxWorld.open(dir, RULES, yaml, Map.of(), wall, o -> o);
                 ApiServer api = ApiServer.start(ServerSettings.defaults().withPort(0), w.notifier.routes())) {
                w.startDispatcher();

                // Approved: runs once, and the decision is kept with who and when.
                long first = fire(w, 5);
                Thread.sleep(200);
                assertThat(receiver.requests()).as("waits for a person").isEmpty();
                wall.advance(Duration.ofMinutes(3));
                HttpResponse<String> ok = decide(api, first, "{\"decision\": \"approve\", \"by\": \"alice\"}");
                assertThat(ok.statusCode()).isEqualTo(200);
                JsonNode approved = JSON.readTree(ok.body());
                assertThat(approved.get("state").asText()).isEqualTo("approved");
                assertThat(approved.get("decided_by").asText()).isEqualTo("alice");
                assertThat(approved.get("decided_at").asText()).isEqualTo("2026-03-01T12:03:00Z");
                assertThat(approved.get("action").asText()).isEqualTo("retrain");
                eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("delivered")).hasSize(1));
                assertThat(receiver.requests()).hasSize(1);
                HttpResponse<String> again = decide(api, first, "{\"decision\": \"reject\", \"by\": \"bob\"}");
                assertThat(again.statusCode()).isEqualTo(409);
                assertThat(JSON.readTree(again.body()).get("error").asText())
                        .isEqualTo("approval " + first + " was already approved by alice at 2026-03-01T12:03:00Z");

                // Past the 6h cooldown of the approved run, it fires again, and bob rejects the run.
                wall.advance(Duration.ofMinutes(10));
                long second = fire(w, 370);
                HttpResponse<String> no = decide(api, second, "{\"decision\": \"reject\", \"by\": \"bob\"}");
                assertThat(JSON.readTree(no.body()).get("state").asText()).isEqualTo("rejected");
                assertThat(w.notifier.deliveries().get(second).state()).isEqualTo("rejected");
                assertThat(w.notifier.deliveries().get(second).result()).isEqualTo("rejected by bob");

                // A rejected run starts no cooldown: firing again 10 minutes later asks again. Unanswered, it
                // expires after approvals.expire_after and can no longer be approved.
                long third = fire(w, 380);
                wall.advance(Duration.ofHours(2).plusSeconds(1));
                eventually(Duration.ofSeconds(10),
                        () -> assertThat(w.notifier.deliveries().get(third).state()).isEqualTo("expired"));
                HttpResponse<String> late = decide(api, third, "{\"decision\": \"approve\"}");
                assertThat(late.statusCode()).isEqualTo(409);
                assertThat(JSON.readTree(late.body()).get("error").asText()).startsWith("approval " + third
                        + " was already expired by vigil at ");

                Thread.sleep(200);
                assertThat(receiver.requests()).as("only the approved run ran").hasSize(1);
                HttpResponse<String> list = http.send(HttpRequest.newBuilder(
                        api.baseUri().resolve("/api/v1/approvals")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(JSON.readTree(list.body()).findValuesAsText("state"))
                        .containsExactly("expired", "rejected", "approved");
            }
        }
    }

    @Test
    void badDecisionsAreRefusedWithTheField() throws Exception {
        try (OutboxWorld w = OutboxWorld.open(dir, RULES, "actions:\n  retrain: { type: webhook, url: \"http://127.0.0.1:9/\" }\n");
             ApiServer api = ApiServer.start(ServerSettings.defaults().withPort(0), w.notifier.routes())) {
            w.startDispatcher();
            long id = fire(w, 5);
            HttpResponse<String> r = decide(api, id, "{\"decision\": \"maybe\"}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree(
                    "{\"error\": \"expected \\\"approve\\\" or \\\"reject\\\", got 'maybe'\", \"path\": \"decision\"}"));
            assertThat(decide(api, 999, "{\"decision\": \"approve\"}").statusCode()).isEqualTo(404);
            assertThat(decide(api, id, "not json").statusCode()).isEqualTo(400);
            assertThat(w.notifier.deliveries().get(id).state()).isEqualTo("awaiting_approval");
        }
    }

}
