package io.vigil.config;

import static io.vigil.config.ConfigFixture.DIR;
import static io.vigil.config.ConfigFixture.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.CatchUp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    /** The example of interfaces.md, verbatim. */
    static final String SPEC_EXAMPLE = """
            rules: [rules/]                 # files or directories
            store:
              url: jdbc:h2:file:./data/vigil     # embedded default; or jdbc:postgresql://host/db
              user: ${VIGIL_DB_USER:-}
              password: ${VIGIL_DB_PASSWORD:-}
            server:
              port: 8080
              tokens: [${VIGIL_API_TOKEN}]   # bearer tokens accepted by the API; none = API bound to 127.0.0.1 only
            smtp:
              host: smtp.example.com
              port: 587
              starttls: true
              username: ${SMTP_USER}
              password: ${SMTP_PASSWORD}
              from: vigil@example.com
            channels:
              ml_oncall: { type: email, to: [ml-oncall@example.com] }
              slack:     { type: webhook, url: "${SLACK_WEBHOOK_URL}", format: slack }
              audit:     { type: webhook, url: "https://audit.internal/hook", secret: "${HOOK_SECRET}" }
            actions:
              retrain_churn:
                type: webhook
                url: https://airflow.internal/api/v1/dags/churn_retrain/dagRuns
                headers: { Authorization: "Bearer ${AIRFLOW_TOKEN}" }
                body: '{"conf": {"model": "{{model}}", "reason": "{{rule}}"}}'
              retrain_local:
                type: command
                argv: [python3, train.py, --model, "{{model}}"]   # no shell; argv only
                timeout: 2h
            models:
              churn: { baseline: training }
            """;

    static final Map<String, String> SPEC_ENV = Map.of(
            "VIGIL_API_TOKEN", "tok-Aa1", "SMTP_USER", "mailer", "SMTP_PASSWORD", "pw-Bb2",
            "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/Cc3", "HOOK_SECRET", "hs-Dd4",
            "AIRFLOW_TOKEN", "af-Ee5");

    @Test
    void interfacesExampleLoadsWithItsEnvironment() {
        ConfigResult r = load(SPEC_EXAMPLE, SPEC_ENV);
        assertThat(r.diagnostics()).isEmpty();
        Config c = r.config();
        assertThat(c.rules()).containsExactly(DIR.resolve("rules"));
        assertThat(c.store().url().reveal()).isEqualTo("jdbc:h2:file:./data/vigil");
        assertThat(c.store().user().reveal()).isEmpty();
        assertThat(c.store().password().reveal()).isEmpty();
        assertThat(c.store().retention()).isEqualTo(Duration.ofDays(90));
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.server().tokens()).extracting(Secret::reveal).containsExactly("tok-Aa1");
        assertThat(c.server().maxBodyBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(c.smtp().host().reveal()).isEqualTo("smtp.example.com");
        assertThat(c.smtp().port()).isEqualTo(587);
        assertThat(c.smtp().starttls()).isTrue();
        assertThat(c.smtp().ssl()).isFalse();
        assertThat(c.smtp().username().reveal()).isEqualTo("mailer");
        assertThat(c.smtp().password().reveal()).isEqualTo("pw-Bb2");
        assertThat(c.channels().keySet()).containsExactly("ml_oncall", "slack", "audit");

        Channel.Email email = (Channel.Email) c.channels().get("ml_oncall");
        assertThat(email.to()).extracting(Text::reveal).containsExactly("ml-oncall@example.com");
        assertThat(email.groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(email.subject()).isNull();

        Channel.Webhook slack = (Channel.Webhook) c.channels().get("slack");
        assertThat(slack.url().reveal()).isEqualTo("https://hooks.slack.com/services/T0/B0/Cc3");
        assertThat(slack.url().isSecret()).as("expanded from the environment").isTrue();
        assertThat(slack.format()).isEqualTo(Channel.Format.SLACK);
        assertThat(slack.timeout()).isEqualTo(Duration.ofSeconds(10));

        Channel.Webhook audit = (Channel.Webhook) c.channels().get("audit");
        assertThat(audit.format()).isEqualTo(Channel.Format.ALERTMANAGER);
        assertThat(audit.secret().reveal()).isEqualTo("hs-Dd4");
        assertThat(audit.url().isSecret()).isFalse();

        Action.Webhook retrain = (Action.Webhook) c.actions().get("retrain_churn");
        assertThat(retrain.headers().get("Authorization").reveal()).isEqualTo("Bearer af-Ee5");
        assertThat(retrain.body().reveal()).isEqualTo("{\"conf\": {\"model\": \"{{model}}\", \"reason\": \"{{rule}}\"}}");
        assertThat(retrain.timeout()).isEqualTo(Duration.ofSeconds(30));

        Action.Command local = (Action.Command) c.actions().get("retrain_local");
        assertThat(local.argv()).extracting(Text::reveal).containsExactly("python3", "train.py", "--model", "{{model}}");
        assertThat(local.timeout()).isEqualTo(Duration.ofHours(2));

        assertThat(c.models().get("churn").baseline()).isEqualTo("training");
        assertThat(c.approvals().expireAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(c.engine().catchUp()).isEqualTo(CatchUp.LAST);
        assertThat(c.references().channels()).containsExactlyInAnyOrder("ml_oncall", "slack", "audit");
        assertThat(c.references().modelBaselines()).isEqualTo(Map.of("churn", "training"));
    }

    @Test
    void emptyFileMeansDefaults() {
        assertThat(load("").config()).isEqualTo(Config.defaults());
        assertThat(load("# nothing here\n").config()).isEqualTo(Config.defaults());
        Config d = Config.defaults();
        assertThat(d.store().url().reveal()).isEqualTo("jdbc:h2:file:./data/vigil");
        assertThat(d.server().port()).isEqualTo(8080);
        assertThat(d.server().tokens()).isEmpty();
        assertThat(d.smtp()).isNull();
    }

    @Test
    void furtherKeysOfTheSpec() {
        Config c = load("""
                store: { url: "jdbc:postgresql://db/vigil", retention: 30d }
                server: { port: 0, max_body: 512KiB }
                approvals: { expire_after: 2h }
                engine: { catch_up: all }
                channels:
                  mail:
                    type: email
                    to: ops@example.com
                    subject: "[{{severity | upper}}] {{rule}}"
                    body: "{{labels.segment}} is {{value | pct}}"
                    group_wait: 0s
                  hook:
                    type: webhook
                    url: https://example.com/hook
                    headers: { X-Team: ml }
                    body: '{"v": {{value}}}'
                    timeout: 1m30s
                    group_wait: 2m
                smtp: { host: mail.example.com, ssl: true, from: vigil@example.com }
                """).config();
        assertThat(c.store().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(c.server().port()).isZero();
        assertThat(c.server().maxBodyBytes()).isEqualTo(512 * 1024);
        assertThat(c.approvals().expireAfter()).isEqualTo(Duration.ofHours(2));
        assertThat(c.engine().catchUp()).isEqualTo(CatchUp.ALL);
        Channel.Email mail = (Channel.Email) c.channels().get("mail");
        assertThat(mail.to()).extracting(Text::reveal).containsExactly("ops@example.com");
        assertThat(mail.subject().reveal()).isEqualTo("[{{severity | upper}}] {{rule}}");
        assertThat(mail.groupWait()).isZero();
        Channel.Webhook hook = (Channel.Webhook) c.channels().get("hook");
        assertThat(hook.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(hook.groupWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.smtp().port()).as("ssl defaults to port 465").isEqualTo(465);
        assertThat(c.smtp().starttls()).as("no STARTTLS inside TLS").isFalse();
        assertThat(c.smtp().username()).isNull();
    }

    @Test
    void rulePathsResolveAgainstTheConfigDirectory(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("conf"));
        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, "rules: [rules/, ../shared/extra.vigil, /abs/x.vigil]\n");
        Config c = new ConfigLoader(Map.of()).load(file).config();
        assertThat(c.rules()).containsExactly(dir.resolve("rules"), tmp.resolve("shared/extra.vigil"), Path.of("/abs/x.vigil"));
        assertThat(load("rules: one.vigil\n").config().rules()).containsExactly(DIR.resolve("one.vigil"));
    }

    @Test
    void environmentDefaultsAndEscapes() {
        Config c = load("""
                store: { user: "${DB_USER:-vigil}", url: "jdbc:h2:mem:${NAME:-x}" }
                actions:
                  run: { type: command, argv: [echo, "$${HOME} costs $5"] }
                """, Map.of("NAME", "test")).config();
        assertThat(c.store().user().reveal()).isEqualTo("vigil");
        assertThat(c.store().url().reveal()).isEqualTo("jdbc:h2:mem:test");
        Action.Command run = (Action.Command) c.actions().get("run");
        assertThat(run.argv().get(1).reveal()).isEqualTo("${HOME} costs $5");
        assertThat(run.argv().get(1).isSecret()).as("no environment was read").isFalse();
    }

    @Test
    void referencesWorkUnquotedInsideFlowCollections() {
        Config c = load("server: { port: ${PORT:-8081}, tokens: [${T:-abc}, x] }\n").config();
        assertThat(c.server().port()).isEqualTo(8081);
        assertThat(c.server().tokens()).extracting(Secret::reveal).containsExactly("abc", "x");
    }

    @Test
    void emptyTokensAreDropped() {
        Config c = load("server: { tokens: [\"${T:-}\", abc] }\n").config();
        assertThat(c.server().tokens()).extracting(Secret::reveal).containsExactly("abc");
    }

    @Test
    void emailChannelWithoutSmtpIsAWarningNotAnError() {
        ConfigResult r = load("channels:\n  ops: { type: email, to: [ops@example.com] }\n");
        assertThat(r.ok()).isTrue();
        assertThat(ConfigFixture.lines(r)).containsExactly(
                "vigil.yaml:2:3: warning: channels.ops: email channel, but there is no smtp: section to send it with");
    }

    @Test
    void readsTheLibrarysOwnConfig() throws Exception {
        Path file = Path.of("../rules/vigil.yaml");
        if (!Files.exists(file)) file = Path.of("rules/vigil.yaml");
        ConfigResult r = new ConfigLoader(Map.of()).load(file);
        assertThat(r.errors()).isEmpty();
        assertThat(r.config().channels()).containsKey("ml_oncall");
        assertThat(r.config().actions()).containsKey("retrain_churn");
    }

    @Test
    void ordersFollowTheFile() {
        Config c = load("channels:\n  z: {type: webhook, url: 'http://a/'}\n  a: {type: webhook, url: 'http://b/'}\n").config();
        assertThat(List.copyOf(c.channels().keySet())).containsExactly("z", "a");
    }
}
