package io.vigil.notify;

import static io.vigil.notify.OutboxWorld.T0;
import static io.vigil.notify.OutboxWorld.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.server.ApiServer;
import io.vigil.server.ServerSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receiver that is down for a while: retries are bounded by time, not by attempts, so an outage
 * shorter than retry_for loses nothing however often the receiver says "try again now"; a "resolved"
 * is never delivered before its "firing"; and dead letters retried in the order the API lists them
 * (newest first) reach the receiver in creation order. Before, 10 attempts were used up inside a
 * 100 s outage, the firings went dead and their resolved messages were delivered alone.
 */
class OutageTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int EPISODES = 3;
    // A body template makes every alert event its own message, so the three episodes stay apart.
    static final String ONE_PER_EVENT = "body: '{\"status\": \"{{state}}\", \"since\": \"{{since}}\"}'";

    @TempDir Path dir;

    /** Fires and resolves the rule EPISODES times, one evaluation every 5 minutes. */
    private static void episodes(OutboxWorld w) {
        for (int i = 0; i < EPISODES; i++) {
            w.put("churn", "accuracy", "EU", T0.plus(Duration.ofMinutes(10L * i)), 0.5);
            w.evaluate(T0.plus(Duration.ofMinutes(10L * i)));
            w.put("churn", "accuracy", "EU", T0.plus(Duration.ofMinutes(10L * i + 5)), 0.95);
            w.evaluate(T0.plus(Duration.ofMinutes(10L * i + 5)));
        }
    }

    /** The statuses of the requests the receiver accepted, in the order it received them. */
    private static List<String> accepted(WebhookReceiver receiver, Set<Integer> ok) throws Exception {
        List<String> out = new ArrayList<>();
        List<WebhookReceiver.Request> all = receiver.requests();
        for (int i = 0; i < all.size(); i++) {
            if (ok.contains(i + 1)) out.add(JSON.readTree(all.get(i).body()).get("status").asText());
        }
        return out;
    }

    private static final List<String> IN_ORDER = List.of("firing", "resolved", "firing", "resolved", "firing",
            "resolved");

    @Test
    void anOutageWithRetryAfterZeroIsBridgedAndOrderIsKept() throws Exception {
        Set<Integer> ok = ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicLong upAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        // "Retry-After: 0" makes every attempt immediate: ten attempts took well under a second.
        try (WebhookReceiver receiver = new WebhookReceiver(n -> {
                if (System.currentTimeMillis() < upAt.get()) {
                    return new WebhookReceiver.Response(503, Map.of("Retry-After", "0"), "", 0);
                }
                ok.add(n);
                return WebhookReceiver.Response.status(200);
            });
             OutboxWorld w = OutboxWorld.open(dir, WebhookChannelTest.RULES, "channels:\n  hook: { type: webhook, "
                     + "url: \"" + receiver.url("/") + "\", group_wait: 0s, " + ONE_PER_EVENT + " }\n")) {
            episodes(w);
            upAt.set(System.currentTimeMillis() + 2_500);
            w.startDispatcher();
            eventually(Duration.ofSeconds(30), () -> assertThat(w.deliveries("delivered")).hasSize(2 * EPISODES));
            assertThat(w.deliveries("dead")).isEmpty();
            assertThat(receiver.requests().size()).as("attempts inside the outage").isGreaterThan(10 + 2 * EPISODES);
            assertThat(accepted(receiver, ok)).isEqualTo(IN_ORDER);
        }
    }

    @Test
    void aDeadFiringTakesItsResolvedAlongAndRetriesReplayInCreationOrder() throws Exception {
        Set<Integer> ok = ConcurrentHashMap.newKeySet();
        AtomicBoolean up = new AtomicBoolean();
        HttpClient http = HttpClient.newHttpClient();
        try (WebhookReceiver receiver = new WebhookReceiver(n -> {
                if (!up.get()) return WebhookReceiver.Response.status(503);
                ok.add(n);
                return WebhookReceiver.Response.status(200);
            });
             OutboxWorld w = OutboxWorld.open(dir, WebhookChannelTest.RULES, "channels:\n  hook: { type: webhook, "
                     + "url: \"" + receiver.url("/") + "\", group_wait: 0s, retry_for: 1s, " + ONE_PER_EVENT + " }\n");
             ApiServer api = ApiServer.start(ServerSettings.defaults().withPort(0), w.notifier.routes())) {
            episodes(w);
            w.startDispatcher();
            eventually(Duration.ofSeconds(30), () -> assertThat(w.deliveries("dead")).hasSize(2 * EPISODES));
            for (Deliveries.Row d : w.deliveries("dead")) {
                if (d.event().equals("resolved")) {
                    assertThat(d.lastError()).contains("its firing message").contains("is dead");
                    assertThat(d.attempts()).as("a resolved message is never sent ahead of its firing").isZero();
                } else {
                    assertThat(d.lastError()).startsWith("gave up: not delivered within retry_for 1s");
                }
            }

            up.set(true);
            JsonNode listed = JSON.readTree(http.send(HttpRequest.newBuilder(api.baseUri().resolve(
                    "/api/v1/deliveries?state=dead")).build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode d : listed) { // newest first, as the API lists them
                int status = http.send(HttpRequest.newBuilder(api.baseUri().resolve("/api/v1/deliveries/"
                        + d.get("id").asLong() + "/retry")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
                assertThat(status).as("retry answers 200, or 409 once an earlier retry took it along").isIn(200, 409);
            }
            eventually(Duration.ofSeconds(30), () -> assertThat(w.deliveries("delivered")).hasSize(2 * EPISODES));
            assertThat(accepted(receiver, ok)).isEqualTo(IN_ORDER);
        }
    }
}
