package io.vigil.config;

import static io.vigil.config.ConfigFixture.load;
import static io.vigil.config.ConfigFixture.printed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Secrets — every environment-expanded value and the values of password, secret, tokens and headers —
 * must not appear in anything the loader prints: toString of the config and its parts, and diagnostics
 * including the source lines shown under them. Each test greps all of that output for every secret.
 */
class SecretsTest {
    private static final List<String> LITERAL_SECRETS = List.of(
            "lit-pass-111", "lit-smtp-222", "lit-hook-333", "lit-token-444", "lit-head-555", "lit-act-666");

    private static final Map<String, String> ENV = Map.of(
            "HOOK_URL", "https://hooks.example.com/env-url-777",
            "SMTP_USER", "env-user-888",
            "DB_USER", "env-db-999",
            "ONCALL", "env-to-000@example.com",
            "SCRIPT", "env-argv-abc.py",
            "SUBJECT", "env-subject-def {{rule}}",
            "TOKEN", "env-token-ghi");

    private static final String VALID = """
            store: { user: "${DB_USER}", password: lit-pass-111 }
            server: { tokens: [lit-token-444, "${TOKEN}"] }
            smtp: { host: mail.example.com, username: "${SMTP_USER}", password: "lit-smtp-222", from: v@example.com }
            channels:
              mail: { type: email, to: ["${ONCALL}"], subject: "${SUBJECT}" }
              hook:
                type: webhook
                url: "${HOOK_URL}"
                secret: lit-hook-333
                headers: { Authorization: "Bearer lit-head-555" }
            actions:
              train:
                type: webhook
                url: https://ci.example.com/run
                headers: { X-Token: lit-act-666 }
              local: { type: command, argv: [python3, "${SCRIPT}"] }
            """;

    /** Distinctive parts of every secret value, literal or from the environment. */
    private static final List<String> ENV_SECRETS = List.of("env-url-777", "env-user-888", "env-db-999", "env-to-000",
            "env-argv-abc", "env-subject-def", "env-token-ghi", "port-secret-jkl", "notaurl-secret-mno",
            "bad-to-secret-pqr", "leaky-secret-stu", "fmt-secret-vwx", "zone-secret-yz1", "cron-secret-234",
            "match-secret-567", "wait-secret-890");

    private static void assertNoSecretIn(String output) {
        List<String> all = new ArrayList<>(LITERAL_SECRETS);
        all.addAll(ENV_SECRETS);
        for (String secret : all) assertThat(output).as("output must not contain %s", secret).doesNotContain(secret);
    }

    @Test
    void aLoadedConfigPrintsNoSecret() {
        ConfigResult r = load(VALID, ENV);
        assertThat(r.errors()).isEmpty();
        Config c = r.config();
        // the values are there for the code that uses them...
        assertThat(c.store().password().reveal()).isEqualTo("lit-pass-111");
        assertThat(((Channel.Webhook) c.channels().get("hook")).url().reveal()).isEqualTo("https://hooks.example.com/env-url-777");
        // ...and nowhere in what is printed
        StringBuilder out = new StringBuilder(c.toString()).append(printed(r));
        out.append(c.store()).append(c.server()).append(c.smtp()).append(c.channels()).append(c.actions());
        c.channels().values().forEach(out::append);
        c.actions().values().forEach(out::append);
        assertNoSecretIn(out.toString());
        assertThat(c.toString()).contains("password=***").contains("tokens=[***, ***]").contains("Authorization=***");
    }

    @Test
    void errorsOnLinesHoldingSecretsShowThemMasked() {
        Map<String, String> env = new HashMap<>(ENV);
        env.put("PORT", "port-secret-jkl");
        env.put("BAD_URL", "notaurl-secret-mno");
        env.put("BAD_TO", "bad-to-secret-pqr");
        env.put("BAD_SUBJECT", "{{ leaky-secret-stu }}");
        env.put("FMT", "fmt-secret-vwx");
        env.put("ZONE", "zone-secret-yz1");
        env.put("CRON", "cron-secret-234");
        env.put("MATCH", "match-secret-567");
        env.put("WAIT", "wait-secret-890");
        String broken = """
                store: { user: "${DB_USER}", password: lit-pass-111, retension: 90d }
                server: { tokens: [lit-token-444, "${TOKEN}"], port: "${PORT}", prot: 1 }
                smtp: { host: h, username: "${SMTP_USER}", password: "lit-smtp-222", from: "${BAD_TO}", prot: 2 }
                channels:
                  mail: { type: email, to: ["${BAD_TO}"], subject: "${BAD_SUBJECT}", group_wait: "${WAIT}" }
                  hook: { type: webhook, url: "${BAD_URL}", secret: lit-hook-333, format: "${FMT}", fromat: x }
                  head: { type: webhook, url: "${HOOK_URL}", headers: { Authorization: "Bearer lit-head-555" }, tiemout: 1s }
                actions:
                  train: { type: webhook, url: "http://ci/", headers: { X-Token: lit-act-666 }, bdy: x }
                silences:
                  w: { cron: "${CRON}", timezone: "${ZONE}", duration: 1h, matchers: ["${MATCH}"] }
                """;
        ConfigResult r = load(broken, env);
        assertThat(r.config()).isNull();
        String out = printed(r);
        // one error per line at least: the masked source lines were really printed
        assertThat(r.errors()).hasSizeGreaterThanOrEqualTo(14);
        assertThat(out).contains("password: ************,").contains("\"Bearer lit-head-555\"".replaceAll(".", "*"));
        assertNoSecretIn(out);
    }
}
