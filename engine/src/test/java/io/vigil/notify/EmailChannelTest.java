package io.vigil.notify;

import static io.vigil.notify.OutboxWorld.T0;
import static io.vigil.notify.OutboxWorld.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vigil.runtime.AlertRepository;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Email channels through a real SMTP server (GreenMail, in-process on 127.0.0.1), fed by the engine. */
class EmailChannelTest {
    /** GreenMail waits 2 s for its server by default; a busy 2-core machine needs longer (the server is still real). */
    private static final long STARTUP_MS = 30_000;

    private static ServerSetup setup(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
        setup.setServerStartupTimeout(STARTUP_MS);
        return setup;
    }
    static final String RULES = """
            model churn {
              every 5m
              notify mail
              rule acc_low {
                when accuracy < 0.85
                severity critical
                summary "accuracy of {{labels.segment}} is {{value}}"
                runbook "https://wiki.example.com/runbooks/acc"
              }
            }
            """;

    @TempDir Path dir;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String config(int port, String smtpExtra, String channelExtra) {
        return "smtp: { host: 127.0.0.1, port: " + port + ", from: vigil@example.com" + smtpExtra + " }\n"
                + "channels:\n  mail: { type: email, to: [ml-oncall@example.com, data@example.com], group_wait: 0s"
                + channelExtra + " }\n";
    }

    private static long alertId(OutboxWorld w, String segment) {
        return w.engine.repository().alerts(null).stream().filter(a -> segment.equals(a.labels().get("segment")))
                .mapToLong(AlertRepository.AlertRow::id).findFirst().orElseThrow();
    }

    private static String part(MimeMessage m, int i) throws Exception {
        return (String) ((MimeMultipart) m.getContent()).getBodyPart(i).getContent();
    }

    @Test
    void anAlertThatResolvedAndFiredAgainBeforeTheBatchWentOutIsListedOnceInItsCurrentEpisode() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        MutableClock clock = new MutableClock(T0);
        String yaml = config(port, ", starttls: false", "").replace("group_wait: 0s", "group_wait: 12m");
        try (OutboxWorld w = OutboxWorld.open(dir, RULES, yaml, Map.of(), clock, o -> o)) {
            // EU fires at 0m, resolves at 5m, fires again at 10m; US fires at 10m. All before 0m + group_wait.
            double[] eu = {0.8, 0.9, 0.8};
            for (int i = 0; i < 3; i++) {
                clock.set(OutboxWorld.min(5 * i));
                w.put("churn", "accuracy", "EU", OutboxWorld.min(5 * i), eu[i]);
                w.put("churn", "accuracy", "US", OutboxWorld.min(5 * i), i == 2 ? 0.7 : 0.9);
                w.evaluate(OutboxWorld.min(5 * i));
            }
            clock.set(OutboxWorld.min(12));
            w.startDispatcher();
            eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("delivered")).hasSize(1));
            assertThat(smtp.getReceivedMessages()).hasSize(2); // one message, one copy per recipient
            MimeMessage m = smtp.getReceivedMessages()[0];
            assertThat(m.getSubject()).isEqualTo("[FIRING:2] churn/acc_low: accuracy of EU is 0.8 (and 1 more)");
            String text = part(m, 0).replace("\r\n", "\n");
            assertThat(text).startsWith("churn/acc_low is firing: 2 alerts (severity critical)\n");
            assertThat(text.split("\\* accuracy of EU", -1)).as(text).hasSize(2);
            assertThat(text).contains("  labels:  segment=EU\n  since:   2026-01-01T00:10:00Z\n");
            // Nothing stale follows: the first episode's "resolved" went into the firing message.
            clock.set(OutboxWorld.min(30));
            w.notifier.wake();
            Thread.sleep(300);
            assertThat(w.deliveries()).hasSize(1);
            assertThat(smtp.getReceivedMessages()).hasSize(2);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void recipientsSubjectValuesAndMessageId() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(setup(port, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (OutboxWorld w = OutboxWorld.open(dir, RULES, config(port, ", starttls: false", ""))) {
            w.put("churn", "accuracy", "EU", T0, 0.8);
            w.put("churn", "accuracy", "US & <Co>", T0, 0.7);
            w.evaluate(T0);
            w.startDispatcher();
            eventually(Duration.ofSeconds(10), () -> assertThat(smtp.getReceivedMessages()).hasSize(2));
            // The server can have the message a moment before its outcome is recorded.
            eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("delivered")).hasSize(1));
            MimeMessage m = smtp.getReceivedMessages()[0];
            assertThat(Arrays.stream(m.getRecipients(MimeMessage.RecipientType.TO)).map(Address::toString))
                    .containsExactly("ml-oncall@example.com", "data@example.com");
            assertThat(m.getFrom()[0].toString()).isEqualTo("vigil@example.com");
            assertThat(m.getSubject()).isEqualTo("[FIRING:2] churn/acc_low: accuracy of EU is 0.8 (and 1 more)");
            String key = w.deliveries("delivered").get(0).idempotencyKey();
            assertThat(m.getMessageID()).isEqualTo("<" + key + "@example.com>");

            String text = part(m, 0);
            assertThat(text.replace("\r\n", "\n")).startsWith("churn/acc_low is firing: 2 alerts (severity critical)\n")
                    .contains("* accuracy of EU is 0.8\n  value:   0.8\n  labels:  segment=EU\n"
                            + "  since:   2026-01-01T00:00:00Z\n  details: http://vigil.test:8080/api/v1/alerts/"
                            + alertId(w, "EU") + "/history\n")
                    .contains("* accuracy of US & <Co> is 0.7\n  value:   0.7\n")
                    .contains("Runbook: https://wiki.example.com/runbooks/acc");
            String html = part(m, 1);
            assertThat(html).contains("<a href=\"https://wiki.example.com/runbooks/acc\">")
                    .contains("<a href=\"http://vigil.test:8080/api/v1/alerts/" + alertId(w, "EU") + "/history\">")
                    .contains("accuracy of US &amp; &lt;Co&gt; is 0.7")
                    .doesNotContain("<Co>");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void channelTemplatesForSubjectAndBody() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(setup(port, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String channel = ", subject: \"[{{severity | upper}}] {{model}}/{{rule}} is {{state}}\","
                + " body: \"{{labels.segment}} at {{value | pct}} since {{since}}\"";
        try (OutboxWorld w = OutboxWorld.open(dir, RULES, config(port, ", starttls: false", channel))) {
            w.put("churn", "accuracy", "EU", T0, 0.8);
            w.put("churn", "accuracy", "US", T0, 0.7);
            w.evaluate(T0);
            w.startDispatcher();
            eventually(Duration.ofSeconds(10), () -> assertThat(smtp.getReceivedMessages()).hasSize(2));
            // The server can have the message a moment before its outcome is recorded.
            eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("delivered")).hasSize(1));
            MimeMessage m = smtp.getReceivedMessages()[0];
            assertThat(m.getSubject()).isEqualTo("[CRITICAL] churn/acc_low is firing");
            assertThat(part(m, 0).replace("\r\n", "\n"))
                    .isEqualTo("EU at 80% since 2026-01-01T00:00:00Z\n\nUS at 70% since 2026-01-01T00:00:00Z\n");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void smtpDownForAWhileThenDelivered() throws Exception {
        int port = freePort();
        try (OutboxWorld w = OutboxWorld.open(dir, RULES, config(port, ", starttls: false", ""))) {
            w.put("churn", "accuracy", "EU", T0, 0.8);
            w.evaluate(T0);
            w.startDispatcher();
            eventually(Duration.ofSeconds(10), () -> {
                Deliveries.Row d = w.deliveries("pending").get(0);
                assertThat(d.attempts()).isGreaterThanOrEqualTo(2);
                assertThat(d.lastError()).startsWith("cannot reach the SMTP server: ");
            });
            GreenMail smtp = new GreenMail(setup(port, ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            try {
                eventually(Duration.ofSeconds(10), () -> assertThat(smtp.getReceivedMessages()).hasSize(2));
                eventually(Duration.ofSeconds(5), () -> assertThat(w.deliveries("delivered")).hasSize(1));
                assertThat(smtp.getReceivedMessages()[0].getSubject()).startsWith("[FIRING] churn/acc_low");
            } finally {
                smtp.stop();
            }
        }
    }

    @Test
    void authenticationFailureIsDeadWithAClearReason() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(setup(port, ServerSetup.PROTOCOL_SMTP));
        smtp.setUser("vigil@example.com", "vigil", "the-right-password");
        smtp.start();
        String yaml = config(port, ", starttls: false, username: vigil, password: \"${SMTP_PASSWORD}\"", "");
        try (OutboxWorld w = OutboxWorld.open(dir, RULES, yaml, Map.of("SMTP_PASSWORD", "a-wrong-password"),
                Clock.systemUTC(), o -> o)) {
            w.put("churn", "accuracy", "EU", T0, 0.8);
            w.evaluate(T0);
            w.startDispatcher();
            eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("dead")).hasSize(1));
            Deliveries.Row d = w.deliveries("dead").get(0);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).startsWith("SMTP authentication failed (check smtp.username and smtp.password): 535")
                    .doesNotContain("a-wrong-password");
            assertThat(smtp.getReceivedMessages()).isEmpty();
        } finally {
            smtp.stop();
        }
    }

    @Test
    void tlsFromTheFirstByteWithAuthentication() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(setup(port, ServerSetup.PROTOCOL_SMTPS));
        smtp.setUser("vigil@example.com", "vigil", "the-right-password");
        smtp.start();
        // GreenMail's certificate is self-signed for another host name: trust it for this test only.
        Properties trust = new Properties();
        trust.put("mail.smtp.ssl.trust", "127.0.0.1");
        trust.put("mail.smtp.ssl.checkserveridentity", "false");
        String yaml = config(port, ", ssl: true, username: vigil, password: \"${SMTP_PASSWORD}\"", "");
        try (OutboxWorld w = OutboxWorld.open(dir, RULES, yaml, Map.of("SMTP_PASSWORD", "the-right-password"),
                Clock.systemUTC(), o -> o.withSmtpProperties(trust))) {
            w.put("churn", "accuracy", "EU", T0, 0.8);
            w.evaluate(T0);
            w.startDispatcher();
            eventually(Duration.ofSeconds(10), () -> assertThat(smtp.getReceivedMessages()).hasSize(2));
            eventually(Duration.ofSeconds(5), () -> assertThat(w.deliveries("delivered")).hasSize(1));
        } finally {
            smtp.stop();
        }
    }

    @Test
    void starttlsRequiredButNotOfferedIsDead() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(setup(port, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        // starttls defaults to true: never fall back to clear text.
        try (OutboxWorld w = OutboxWorld.open(dir, RULES, config(port, "", ""))) {
            w.put("churn", "accuracy", "EU", T0, 0.8);
            w.evaluate(T0);
            w.startDispatcher();
            eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("dead")).hasSize(1));
            assertThat(w.deliveries("dead").get(0).lastError())
                    .startsWith("the SMTP server does not offer STARTTLS, and smtp.starttls forbids sending in clear text");
            assertThat(smtp.getReceivedMessages()).isEmpty();
        } finally {
            smtp.stop();
        }
    }

    @Test
    void withoutSmtpEmailGoesToTheConsoleAndAFile() throws Exception {
        StringWriter console = new StringWriter();
        Path file = dir.resolve("data/outbox-mail.log");
        String yaml = "channels:\n  mail: { type: email, to: ml-oncall@example.com, group_wait: 0s }\n";
        try (OutboxWorld w = OutboxWorld.open(dir, RULES, yaml, Map.of(), Clock.systemUTC(),
                o -> o.withMailFile(file, new PrintWriter(console, true)))) {
            w.put("churn", "accuracy", "EU", T0, 0.8);
            w.evaluate(T0);
            w.startDispatcher();
            eventually(Duration.ofSeconds(10), () -> assertThat(w.deliveries("delivered")).hasSize(1));
            String key = w.deliveries("delivered").get(0).idempotencyKey();
            String written = Files.readString(file);
            assertThat(written).startsWith("From: vigil@vigil.localhost\nTo: ml-oncall@example.com\n"
                    + "Subject: [FIRING] churn/acc_low: accuracy of EU is 0.8\nMessage-ID: <" + key + "@vigil.localhost>\n")
                    .contains("* accuracy of EU is 0.8\n  value:   0.8\n");
            assertThat(console.toString()).contains(written);
        }
    }
}
