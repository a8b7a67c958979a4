package io.vigil.notify;

import io.vigil.Slow;

import static io.vigil.notify.OutboxWorld.T0;
import static io.vigil.notify.OutboxWorld.eventually;
import static io.vigil.notify.OutboxWorld.min;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.runtime.AlertRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook channels against a real HTTP receiver on 127.0.0.1, fed by the engine through the outbox. */
@Slow
class WebhookChannelTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RULES = """
            model churn {
              every 5m
              notify hook
              rule acc_low {
                when accuracy < 0.85
                severity critical
                summary "accuracy of {{labels.segment}} is {{value}}"
                runbook "https://wiki.example.com/runbooks/acc"
              }
            }
            """;

    @TempDir Path dir;

    private OutboxWorld world(WebhookReceiver receiver, String channel, String extra) throws Exception {
        String yaml = "channels:\n  hook: { type: webhook, url: \"" + receiver.url("/alerts") + "\", group_wait: 0s"
                + (channel.isEmpty() ? "" : ", " + channel) + " }\n" + extra;
        return OutboxWorld.open(dir, RULES, yaml);
    }

    private static long alertId(OutboxWorld w, String segment) {
        return w.engine.repository().alerts(null).stream().filter(a -> segment.equals(a.labels().get("segment")))
                .mapToLong(AlertRepository.AlertRow::id).findFirst().orElseThrow();
    }

    @Test
    void alertmanagerPayloadForFiringThenResolved() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting(); OutboxWorld w = world(receiver, "", "")) {
            w.put("churn", "accuracy", "EU", T0, 0.80);
            w.put("churn", "accuracy", "US", T0, 0.70);
            w.put("churn", "accuracy", "ASIA", T0, 0.95);
            w.evaluate(T0);
            w.startDispatcher();
            eventually(Duration.ofSeconds(10), () -> assertThat(receiver.requests()).hasSize(1));

            JsonNode firing = JSON.readTree(receiver.requests().get(0).body());
            assertThat(firing.get("version").asText()).isEqualTo("4");
            assertThat(firing.get("status").asText()).isEqualTo("firing");
            assertThat(firing.get("receiver").asText()).isEqualTo("hook");
            assertThat(firing.get("groupLabels")).isEqualTo(JSON.readTree("{\"alertname\":\"acc_low\",\"model\":\"churn\"}"));
            assertThat(firing.get("commonLabels")).isEqualTo(JSON.readTree(
                    "{\"alertname\":\"acc_low\",\"model\":\"churn\",\"severity\":\"critical\"}"));
            assertThat(firing.get("externalURL").asText()).isEqualTo("http://vigil.test:8080");
            // EU and US started firing at the same evaluation: one message, alerts sorted by labels.
            JsonNode alerts = firing.get("alerts");
            assertThat(alerts).hasSize(2);
            JsonNode eu = alerts.get(0);
            assertThat(eu.get("status").asText()).isEqualTo("firing");
            assertThat(eu.get("labels")).isEqualTo(JSON.readTree(
                    "{\"alertname\":\"acc_low\",\"model\":\"churn\",\"segment\":\"EU\",\"severity\":\"critical\"}"));
            assertThat(eu.get("annotations")).isEqualTo(JSON.readTree("{\"summary\":\"accuracy of EU is 0.8\","
                    + "\"runbook_url\":\"https://wiki.example.com/runbooks/acc\",\"value\":\"0.8\"}"));
            assertThat(eu.get("startsAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(eu.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
            assertThat(eu.get("generatorURL").asText())
                    .isEqualTo("http://vigil.test:8080/api/v1/alerts/" + alertId(w, "EU") + "/history");
            assertThat(alerts.get(1).get("annotations").get("summary").asText()).isEqualTo("accuracy of US is 0.7");
            assertThat(eu.get("fingerprint").asText()).matches("[0-9a-f]{16}")
                    .isNotEqualTo(alerts.get(1).get("fingerprint").asText());

            // EU recovers at 5m: one resolved message for EU; US keeps firing and, without repeat, is not re-sent.
            w.put("churn", "accuracy", "EU", min(5), 0.90);
            w.put("churn", "accuracy", "US", min(5), 0.70);
            w.evaluate(min(5));
            eventually(Duration.ofSeconds(10), () -> assertThat(receiver.requests()).hasSize(2));
            JsonNode resolved = JSON.readTree(receiver.requests().get(1).body());
            assertThat(resolved.get("status").asText()).isEqualTo("resolved");
            assertThat(resolved.get("alerts")).hasSize(1);
            assertThat(resolved.get("alerts").get(0).get("labels").get("segment").asText()).isEqualTo("EU");
            assertThat(resolved.get("alerts").get(0).get("status").asText()).isEqualTo("resolved");
            assertThat(resolved.get("alerts").get(0).get("startsAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(resolved.get("alerts").get(0).get("endsAt").asText()).isEqualTo("2026-01-01T00:05:00Z");

            List<String> keys = receiver.requests().stream().map(r -> r.header("Idempotency-Key")).toList();
            assertThat(keys).doesNotContainNull().doesNotHaveDuplicates();
            // The receiver can have a request a moment before its outcome is recorded.
            eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("delivered").stream()
                    .map(Deliveries.Row::idempotencyKey).toList()).containsExactlyInAnyOrderElementsOf(keys));
            assertThat(receiver.requests().get(0).header("Content-Type")).isEqualTo("application/json");
        }
    }

    @Test
    void signedWithTheSecretOverTimestampAndBody() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            // The config reads the secret from the environment, as interfaces.md shows.
            try (OutboxWorld signed = OutboxWorld.open(dir, RULES, "channels:\n  hook: { type: webhook, url: \""
                    + receiver.url("/alerts") + "\", group_wait: 0s, secret: \"${HOOK_SECRET}\" }\n",
                    Map.of("HOOK_SECRET", "s3cr3t-for-hooks"), Clock.systemUTC(), o -> o)) {
                signed.put("churn", "accuracy", "EU", T0, 0.5);
                signed.evaluate(T0);
                signed.startDispatcher();
                eventually(Duration.ofSeconds(10), () -> assertThat(receiver.requests()).hasSize(1));
            }
            WebhookReceiver.Request r = receiver.requests().get(0);
            String ts = r.header("X-Vigil-Timestamp");
            assertThat(Math.abs(Long.parseLong(ts) - Instant.now().getEpochSecond())).isLessThan(300);
            // What a receiver does: HMAC-SHA256 over "<timestamp>.<body>" with the shared secret.
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("s3cr3t-for-hooks".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + HexFormat.of().formatHex(
                    mac.doFinal((ts + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
            assertThat(r.header("X-Vigil-Signature")).isEqualTo(expected);
            assertThat(r.body()).doesNotContain("s3cr3t-for-hooks");
        }
    }

    @Test
    void retriesA500UntilTheReceiverAcceptsWithTheSameKey() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(n -> n <= 2
                ? new WebhookReceiver.Response(500, Map.of(), "boom", 0) : WebhookReceiver.Response.status(202));
             OutboxWorld w = world(receiver, "", "")) {
            w.put("churn", "accuracy", "EU", T0, 0.5);
            w.evaluate(T0);
            w.startDispatcher();
            eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("delivered")).hasSize(1));
            Deliveries.Row d = w.deliveries("delivered").get(0);
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.lastError()).isEqualTo("HTTP 500: boom");
            assertThat(d.result()).isEqualTo("HTTP 202");
            assertThat(receiver.requests()).hasSize(3);
            assertThat(receiver.requests().stream().map(r -> r.header("Idempotency-Key")).distinct().toList())
                    .containsExactly(d.idempotencyKey());
            // The metric is counted just after the outcome is recorded.
            eventually(Duration.ofSeconds(5), () -> assertThat(w.counter("vigil_delivery_retries_total")).isEqualTo(2));
            eventually(Duration.ofSeconds(5), () -> assertThat(w.counter("vigil_deliveries_delivered_total")).isEqualTo(1));
        }
    }

    @Test
    void honoursRetryAfterOn429() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(n -> n == 1
                ? new WebhookReceiver.Response(429, Map.of("Retry-After", "2"), "slow down", 0)
                : WebhookReceiver.Response.status(200));
             OutboxWorld w = world(receiver, "", "")) {
            w.put("churn", "accuracy", "EU", T0, 0.5);
            w.evaluate(T0);
            w.startDispatcher();
            eventually(Duration.ofSeconds(10), () -> assertThat(receiver.requests()).hasSize(2));
            List<WebhookReceiver.Request> rs = receiver.requests();
            // Without Retry-After the test backoff is at most 400 ms.
            assertThat(Duration.between(rs.get(0).at(), rs.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
            eventually(Duration.ofSeconds(5), () -> assertThat(w.deliveries("delivered")).hasSize(1));
        }
    }

    @Test
    void retriesAfterATimeout() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(n -> n == 1
                ? new WebhookReceiver.Response(200, Map.of(), "", 1500) : WebhookReceiver.Response.status(200));
             OutboxWorld w = world(receiver, "timeout: 300ms", "")) {
            w.put("churn", "accuracy", "EU", T0, 0.5);
            w.evaluate(T0);
            w.startDispatcher();
            eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("delivered")).hasSize(1));
            Deliveries.Row d = w.deliveries("delivered").get(0);
            assertThat(d.attempts()).isEqualTo(2);
            assertThat(d.lastError()).isEqualTo("no response within 300ms");
            // The receiver saw the request twice, with one key to drop the repeat by.
            assertThat(receiver.requests()).hasSize(2);
            assertThat(receiver.requests().get(1).header("Idempotency-Key")).isEqualTo(d.idempotencyKey());
        }
    }

    @Test
    void a400IsDeadAtOnceAndListedAsDead() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(
                n -> new WebhookReceiver.Response(400, Map.of(), "unknown field 'alerts'", 0));
             OutboxWorld w = world(receiver, "", "")) {
            w.put("churn", "accuracy", "EU", T0, 0.5);
            w.evaluate(T0);
            w.startDispatcher();
            eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("dead")).hasSize(1));
            Deliveries.Row d = w.deliveries("dead").get(0);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).isEqualTo("HTTP 400: unknown field 'alerts'");
            // The metric is counted just after the outcome is recorded.
            eventually(Duration.ofSeconds(5), () -> assertThat(w.counter("vigil_deliveries_dead_total")).isEqualTo(1));
            Thread.sleep(300);
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @Test
    void givesUpAfterMaxAttempts() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(n -> WebhookReceiver.Response.status(503));
             OutboxWorld w = world(receiver, "", "delivery: { max_attempts: 3 }\n")) {
            w.put("churn", "accuracy", "EU", T0, 0.5);
            w.evaluate(T0);
            w.startDispatcher();
            eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("dead")).hasSize(1));
            assertThat(w.deliveries("dead").get(0).lastError()).isEqualTo("gave up after 3 attempts; last error: HTTP 503");
            assertThat(receiver.requests()).hasSize(3);
        }
    }

    @Test
    void slackBlocks() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting();
             OutboxWorld w = world(receiver, "format: slack, subject: \"{{severity | upper}} {{model}}/{{rule}}\"", "")) {
            w.put("churn", "accuracy", "<b>EU</b>", T0, 0.5);
            w.evaluate(T0);
            w.startDispatcher();
            eventually(Duration.ofSeconds(10), () -> assertThat(receiver.requests()).hasSize(1));
            JsonNode m = JSON.readTree(receiver.requests().get(0).body());
            assertThat(m.get("text").asText()).isEqualTo("CRITICAL churn/acc_low");
            JsonNode blocks = m.get("blocks");
            assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
            assertThat(blocks.get(0).get("text").get("text").asText()).isEqualTo("CRITICAL churn/acc_low");
            String section = blocks.get(1).get("text").get("text").asText();
            assertThat(blocks.get(1).get("text").get("type").asText()).isEqualTo("mrkdwn");
            // Slack reads <...> as links and markup: label text is escaped.
            assertThat(section).startsWith("*accuracy of &lt;b&gt;EU&lt;/b&gt; is 0.5*")
                    .contains("segment=&lt;b&gt;EU&lt;/b&gt;")
                    .contains("<http://vigil.test:8080/api/v1/alerts/" + alertId(w, "<b>EU</b>") + "/history|details>");
            assertThat(blocks.get(2).get("elements").get(0).get("text").asText())
                    .isEqualTo("severity critical · <https://wiki.example.com/runbooks/acc|runbook>");
        }
    }

    @Test
    void bodyTemplateValuesAreJsonEscapedAndEachAlertIsItsOwnRequest() throws Exception {
        String hostile = "EU\", \"admin\": true, \"x\": \"";
        try (WebhookReceiver receiver = WebhookReceiver.accepting();
             OutboxWorld w = world(receiver, "body: '{\"text\": \"{{labels.segment}} at {{value}}\", \"rule\": \"{{rule}}\"}'",
                     "")) {
            w.put("churn", "accuracy", hostile, T0, 0.5);
            w.put("churn", "accuracy", "US", T0, 0.6);
            w.evaluate(T0);
            w.startDispatcher();
            eventually(Duration.ofSeconds(10), () -> assertThat(receiver.requests()).hasSize(2));
            Map<String, JsonNode> bodies = receiver.requests().stream().map(r -> {
                try {
                    return JSON.readTree(r.body());
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + r.body(), e);
                }
            }).collect(Collectors.toMap(j -> j.get("text").asText(), j -> j));
            assertThat(bodies).containsOnlyKeys(hostile + " at 0.5", "US at 0.6");
            assertThat(bodies.get(hostile + " at 0.5").size()).as("no field was injected").isEqualTo(2);
        }
    }

    @Test
    void secretsInAnErrorAreMasked() throws Exception {
        // A receiver whose error page echoes the request path, which holds the token.
        try (WebhookReceiver receiver = new WebhookReceiver(n -> new WebhookReceiver.Response(404, Map.of(),
                "no route for /hooks/tok-9f8e7d6c5b4a", 0))) {
            String yaml = "channels:\n  hook: { type: webhook, url: \"${HOOK_URL}\", group_wait: 0s }\n";
            try (OutboxWorld w = OutboxWorld.open(dir, RULES, yaml,
                    Map.of("HOOK_URL", receiver.url("/hooks/tok-9f8e7d6c5b4a")), Clock.systemUTC(), o -> o)) {
                w.put("churn", "accuracy", "EU", T0, 0.5);
                w.evaluate(T0);
                w.startDispatcher();
                eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("dead")).hasSize(1));
                assertThat(w.deliveries("dead").get(0).lastError()).isEqualTo("HTTP 404: no route for ***");
            }
        }
    }
}
