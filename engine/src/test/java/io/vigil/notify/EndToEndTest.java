package io.vigil.notify;

import static io.vigil.notify.OutboxWorld.eventually;
import static io.vigil.notify.OutboxWorld.min;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vigil.Slow;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From samples to people: the engine evaluates on its schedule (driven by the test's clock), an
 * alert goes pending, fires and resolves, and both the firing and the resolution reach a real SMTP
 * server and a real webhook receiver.
 */
@Slow
class EndToEndTest {
    /** GreenMail waits 2 s for its server by default; a busy 2-core machine needs longer (the server is still real). */
    private static final long STARTUP_MS = 30_000;

    private static ServerSetup setup(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
        setup.setServerStartupTimeout(STARTUP_MS);
        return setup;
    }
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void firingAndResolutionReachEmailAndWebhook() throws Exception {
        int port = EmailChannelTest.freePort();
        GreenMail smtp = new GreenMail(setup(port, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            String yaml = "smtp: { host: 127.0.0.1, port: " + port + ", starttls: false, from: vigil@example.com }\n"
                    + "channels:\n"
                    + "  mail: { type: email, to: [oncall@example.com], group_wait: 0s }\n"
                    + "  hook: { type: webhook, url: \"" + receiver.url("/hook") + "\", group_wait: 0s }\n";
            String rules = """
                    model shop {
                      every 5m
                      notify mail, hook
                      rule acc_low {
                        when accuracy < 0.85
                        for 10m
                        summary "accuracy in {{labels.segment}} is {{value | pct}}"
                      }
                    }
                    """;
            try (OutboxWorld w = OutboxWorld.open(dir, rules, yaml)) {
                w.startDispatcher();
                // EU is low from 5m to 25m: pending at 5m, firing at 15m (10m later), resolved at 30m.
                double[] eu = {0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 0.9};
                for (int i = 0; i < eu.length; i++) {
                    w.put("shop", "accuracy", "EU", min(5 * i), eu[i]);
                    w.evaluate(min(5 * i));
                    if (5 * i == 10) {
                        Thread.sleep(200);
                        assertThat(receiver.requests()).as("nothing is sent while pending").isEmpty();
                    }
                    if (5 * i == 15) {
                        eventually(Duration.ofSeconds(10), () -> assertThat(smtp.getReceivedMessages()).hasSize(1));
                        eventually(Duration.ofSeconds(10), () -> assertThat(receiver.requests()).hasSize(1));
                    }
                }
                eventually(Duration.ofSeconds(10), () -> assertThat(smtp.getReceivedMessages()).hasSize(2));
                eventually(Duration.ofSeconds(10), () -> assertThat(receiver.requests()).hasSize(2));

                MimeMessage[] mails = smtp.getReceivedMessages();
                assertThat(mails[0].getSubject()).isEqualTo("[FIRING] shop/acc_low: accuracy in EU is 80%");
                assertThat(mails[1].getSubject()).isEqualTo("[RESOLVED] shop/acc_low: accuracy in EU is 80%");
                JsonNode firing = JSON.readTree(receiver.requests().get(0).body());
                JsonNode resolved = JSON.readTree(receiver.requests().get(1).body());
                assertThat(firing.get("status").asText()).isEqualTo("firing");
                assertThat(firing.get("alerts").get(0).get("startsAt").asText()).isEqualTo("2026-01-01T00:15:00Z");
                assertThat(resolved.get("status").asText()).isEqualTo("resolved");
                assertThat(resolved.get("alerts").get(0).get("endsAt").asText()).isEqualTo("2026-01-01T00:30:00Z");
                // A receiver can have a message a moment before its outcome is recorded.
                eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("delivered")).hasSize(4));
            }
        } finally {
            smtp.stop();
        }
    }
}
