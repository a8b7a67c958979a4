package io.vigil.notify;

import io.vigil.Slow;

import static io.vigil.notify.OutboxWorld.T0;
import static io.vigil.notify.OutboxWorld.eventually;
import static io.vigil.notify.OutboxWorld.min;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.label.LabelMatcher;
import io.vigil.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When notifications go out (language.md §4): on firing, every repeat, once on resolved; grouped
 * within group_wait; suppressed and recorded under silences and maintenance windows; written in the
 * same transaction as the transition.
 */
@Slow
class NotificationPolicyTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    static String rules(String notify) {
        return """
                model churn {
                  every 5m
                  %s
                  rule acc_low {
                    when accuracy < 0.85
                    summary "{{labels.segment}} {{value}}"
                  }
                }
                """.formatted(notify);
    }

    static String hook(WebhookReceiver r, String groupWait) {
        return "channels:\n  hook: { type: webhook, url: \"" + r.url("/") + "\", group_wait: " + groupWait + " }\n";
    }

    /** Each request as "status: segment, segment". */
    static List<String> messages(WebhookReceiver r) throws Exception {
        List<String> out = new ArrayList<>();
        for (WebhookReceiver.Request req : r.requests()) {
            JsonNode m = JSON.readTree(req.body());
            List<String> segments = new ArrayList<>();
            m.get("alerts").forEach(a -> segments.add(a.get("labels").get("segment").asText()));
            out.add(m.get("status").asText() + ": " + String.join(", ", segments));
        }
        return out;
    }

    @Test
    void instancesStartingWithinGroupWaitShareOneMessage() throws Exception {
        MutableClock wall = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
        try (WebhookReceiver receiver = WebhookReceiver.accepting();
             OutboxWorld w = OutboxWorld.open(dir, rules("notify hook"), hook(receiver, "30s"), Map.of(), wall, o -> o)) {
            w.startDispatcher();
            w.put("churn", "accuracy", "EU", T0, 0.5);
            w.evaluate(T0);
            wall.advance(Duration.ofSeconds(10));
            w.put("churn", "accuracy", "EU", min(5), 0.5);
            w.put("churn", "accuracy", "US", min(5), 0.5);
            w.evaluate(min(5));
            Thread.sleep(300);
            assertThat(receiver.requests()).as("group_wait of the first has not passed").isEmpty();

            wall.advance(Duration.ofSeconds(21)); // 31 s after EU started firing
            eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("delivered")).hasSize(1));

            // ASIA starts firing well after the first message went out: a message of its own, after its group_wait.
            wall.advance(Duration.ofMinutes(1));
            for (String s : new String[] {"EU", "US", "ASIA"}) w.put("churn", "accuracy", s, min(10), 0.5);
            w.evaluate(min(10));
            wall.advance(Duration.ofSeconds(29));
            Thread.sleep(300);
            assertThat(receiver.requests()).hasSize(1);
            wall.advance(Duration.ofSeconds(2));
            eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("delivered")).hasSize(2));
            assertThat(messages(receiver)).containsExactly("firing: EU, US", "firing: ASIA");
        }
    }

    @Test
    void repeatsWhileFiringAndResolvesOnce() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting();
             OutboxWorld w = OutboxWorld.open(dir, rules("notify hook repeat 10m"), hook(receiver, "0s"))) {
            w.startDispatcher();
            // Low from 0m to 25m, fine from 30m: fires at 0, repeats at 10 and 20, resolves at 30, quiet at 35.
            for (int m = 0; m <= 35; m += 5) {
                w.put("churn", "accuracy", "EU", min(m), m < 30 ? 0.5 : 0.9);
                w.evaluate(min(m));
                w.awaitSettled("at " + m + "m");
            }
            eventually(Duration.ofSeconds(10), () -> assertThat(receiver.requests()).hasSize(4));
            assertThat(messages(receiver)).containsExactly("firing: EU", "firing: EU", "firing: EU", "resolved: EU");
            // Newest first.
            assertThat(w.deliveries()).extracting(Deliveries.Row::event)
                    .containsExactly("resolved", "repeat", "repeat", "firing");
        }
    }

    @Test
    void resolvedWaitsForTheFiringMessageItResolves() throws Exception {
        // The firing message is refused once with Retry-After: 1; the resolution, queued meanwhile,
        // must not overtake it.
        try (WebhookReceiver receiver = new WebhookReceiver(n -> n == 1
                ? new WebhookReceiver.Response(503, Map.of("Retry-After", "1"), "busy", 0)
                : WebhookReceiver.Response.status(200));
             OutboxWorld w = OutboxWorld.open(dir, rules("notify hook"), hook(receiver, "0s"))) {
            w.startDispatcher();
            w.put("churn", "accuracy", "EU", T0, 0.5);
            w.evaluate(T0);
            eventually(Duration.ofSeconds(10), () -> assertThat(receiver.requests()).hasSize(1));
            w.put("churn", "accuracy", "EU", min(5), 0.9);
            w.evaluate(min(5));
            eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("delivered")).hasSize(2));
            assertThat(messages(receiver)).containsExactly("firing: EU", "firing: EU", "resolved: EU");
        }
    }

    @Test
    void aSilenceSuppressesAndRecordsAndTheAlertIsSentWhenItEnds() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting();
             OutboxWorld w = OutboxWorld.open(dir, rules("notify hook"), hook(receiver, "0s"))) {
            new Silences(w.store.database().dataSource()).add(
                    List.of(LabelMatcher.parse("model=churn"), LabelMatcher.parse("segment=EU")),
                    T0.minusSeconds(60), min(12), "deploying churn v4", "alice", Instant.now());
            w.startDispatcher();
            for (int m = 0; m <= 20; m += 5) {
                w.put("churn", "accuracy", "EU", min(m), m < 20 ? 0.5 : 0.9);
                w.put("churn", "accuracy", "US", min(m), 0.5);
                w.evaluate(min(m));
                w.awaitSettled("at " + m + "m");
            }
            // EU: suppressed at 0 (recorded once, not at 5 and 10), told at 15 once the silence ended,
            // resolved at 20. US: told at 0 only.
            List<Deliveries.Row> suppressed = w.deliveries("suppressed");
            assertThat(suppressed).hasSize(1);
            assertThat(suppressed.get(0).result())
                    .isEqualTo("suppressed by silence 1 until 2026-01-01T00:12:00Z (deploying churn v4)");
            assertThat(suppressed.get(0).event()).isEqualTo("firing");
            eventually(Duration.ofSeconds(10), () -> assertThat(receiver.requests()).hasSize(3));
            assertThat(messages(receiver)).containsExactly("firing: US", "firing: EU", "resolved: EU");
        }
    }

    @Test
    void aMaintenanceWindowFromTheConfigSuppresses() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            String yaml = hook(receiver, "0s") + """
                    silences:
                      nightly:
                        cron: "0 0 0 * * ?"
                        duration: 10m
                        matchers: [segment=EU]
                        comment: nightly ETL
                    """;
            try (OutboxWorld w = OutboxWorld.open(dir, rules("notify hook"), yaml)) {
                w.startDispatcher();
                for (int m = 0; m <= 10; m += 5) {
                    w.put("churn", "accuracy", "EU", min(m), 0.5);
                    w.evaluate(min(m));
                }
                eventually(Duration.ofSeconds(10), () -> assertThat(receiver.requests()).hasSize(1));
                assertThat(w.deliveries("suppressed")).extracting(Deliveries.Row::result).containsExactly(
                        "suppressed by maintenance window nightly since 2026-01-01T00:00:00Z for 10m (nightly ETL)");
                // The window is [00:00, 00:10): the 10m evaluation is outside it and tells the channel.
                // (The receiver can have the request a moment before the outcome is recorded.)
                eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("delivered")).hasSize(1));
            }
        }
    }

    @Test
    void outboxRowsCommitOrRollBackWithTheTransition() throws Exception {
        try (OutboxWorld w = OutboxWorld.open(dir, rules("notify hook"),
                "channels:\n  hook: { type: webhook, url: \"http://127.0.0.1:9/\", group_wait: 0s }\n")) {
            // A writer that fails after the notification row was written: nothing of the evaluation may remain.
            StepWriter failing = s -> {
                throw new SQLException("disk full");
            };
            w.engine.onTransition(new OutboxHook(List.of(new NotificationWriter(w.config.channels()), failing),
                    new Silencer(List.of()), Clock.systemUTC()));
            w.put("churn", "accuracy", "EU", T0, 0.5);
            assertThatThrownBy(() -> w.evaluate(T0)).isInstanceOf(StoreException.class).hasMessageContaining("disk full");
            assertThat(count(w, "alert_transitions")).isZero();
            assertThat(count(w, "outbox")).isZero();

            w.engine.onTransition(w.notifier.hook());
            w.evaluate(T0);
            assertThat(count(w, "alert_transitions")).isEqualTo(1);
            assertThat(count(w, "outbox")).isEqualTo(1);
        }
    }

    @Test
    void aRestartDoesNotTellAChannelAgain() throws Exception {
        String yaml = "channels:\n  hook: { type: webhook, url: \"http://127.0.0.1:9/\", group_wait: 0s }\n";
        try (OutboxWorld w = OutboxWorld.open(dir, rules("notify hook"), yaml)) {
            w.put("churn", "accuracy", "EU", T0, 0.5);
            w.evaluate(T0);
        }
        try (OutboxWorld w = OutboxWorld.open(dir, rules("notify hook"), yaml)) {
            w.put("churn", "accuracy", "EU", min(5), 0.5);
            w.evaluate(min(5));
            assertThat(count(w, "outbox")).isEqualTo(1);
        }
    }

    static long count(OutboxWorld w, String table) throws SQLException {
        try (Connection c = w.store.database().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
