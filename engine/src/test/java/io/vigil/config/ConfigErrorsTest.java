package io.vigil.config;

import static io.vigil.config.ConfigFixture.errorLines;
import static io.vigil.config.ConfigFixture.lines;
import static io.vigil.config.ConfigFixture.load;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per class of error: exact message, line and column, every problem of the file at once. */
class ConfigErrorsTest {
    private static final String TEMPLATE_NAMES =
            "(known: value, labels.<name>, rule, model, severity, state, since, runbook)";

    @Test
    void unknownKeyWithSuggestion() {
        ConfigResult r = load("""
                channels:
                  slack:
                    type: webhook
                    url: https://hooks.example.com/x
                    fromat: slack
                """);
        assertThat(r.config()).isNull();
        assertThat(lines(r)).containsExactly(
                "vigil.yaml:5:5: error: channels.slack.fromat: unknown key (did you mean 'format'?)");
        assertThat(ConfigFixture.printed(r)).isEqualTo("""
                vigil.yaml:5:5: error: channels.slack.fromat: unknown key (did you mean 'format'?)
                    fromat: slack
                    ^
                """);
    }

    @Test
    void unknownKeyWithoutCloseMatchListsTheKnownOnes() {
        assertThat(lines(load("colour: red\nchannels:\n  m: { type: email, to: a@example.com, url: x }\n"))).containsExactly(
                "vigil.yaml:1:1: error: colour: unknown key (known: rules, store, server, smtp, channels, actions, "
                        + "models, approvals, engine, silences, delivery)",
                "vigil.yaml:3:3: warning: channels.m: email channel, but there is no smtp: section to send it with",
                "vigil.yaml:3:40: error: channels.m.url: unknown key (known: type, to, subject, body, group_wait, retry_for)");
    }

    @Test
    void wrongTypesAreAllReportedWithPathAndPosition() {
        ConfigResult r = load("""
                server:
                  port: eighty
                  max_body: 16XB
                  tokens: {a: b}
                store:
                  retention: 90
                smtp:
                  host: [a, b]
                  starttls: maybe
                  from: vigil@example.com
                engine:
                  catch_up: sometimes
                channels:
                  s: { type: webhook, url: "http://x/", format: slak }
                """);
        assertThat(lines(r)).containsExactly(
                "vigil.yaml:2:9: error: server.port: expected a whole number from 0 to 65535, got 'eighty'",
                "vigil.yaml:3:13: error: server.max_body: expected a size such as 16MiB, 512KiB or 1GB, got '16XB'",
                "vigil.yaml:4:11: error: server.tokens: expected text, got a mapping",
                "vigil.yaml:6:14: error: store.retention: expected a duration such as 30s, 15m, 2h or 7d (greater than 0), "
                        + "got '90' (add a unit: 90s?)",
                "vigil.yaml:8:9: error: smtp.host: expected text, got a list",
                "vigil.yaml:9:13: error: smtp.starttls: expected true or false, got 'maybe'",
                "vigil.yaml:12:13: error: engine.catch_up: expected all, last, none; got 'sometimes'",
                "vigil.yaml:14:49: error: channels.s.format: expected alertmanager, slack; got 'slak' (did you mean 'slack'?)");
    }

    @Test
    void unsetVariableIsReportedAtItsDollarSign() {
        ConfigResult r = load("""
                channels:
                  hook:
                    type: webhook
                    url: "https://example.com/${HOOK_PATH}"
                store:
                  user: db_${USER_SUFFIX}
                """);
        assertThat(lines(r)).containsExactly(
                "vigil.yaml:4:31: error: channels.hook.url: environment variable HOOK_PATH is not set "
                        + "(write ${HOOK_PATH:-default} to allow that)",
                "vigil.yaml:6:12: error: store.user: environment variable USER_SUFFIX is not set "
                        + "(write ${USER_SUFFIX:-default} to allow that)");
    }

    @Test
    void malformedReferences() {
        assertThat(lines(load("store:\n  user: ${1X}\n  url: jdbc:h2:${ABC\n"))).containsExactly(
                "vigil.yaml:2:9: error: store.user: invalid environment variable name '1X' in '${...}' "
                        + "(letters, digits and _, not starting with a digit)",
                "vigil.yaml:3:16: error: store.url: unclosed '${' (write $${ for a literal ${)");
    }

    @Test
    void yamlSyntaxErrorPointsAtTheProblem() {
        ConfigResult r = load("server:\n  port: 1\n\tstore: 2\n");
        assertThat(r.config()).isNull();
        assertThat(lines(r)).hasSize(1);
        assertThat(lines(r).get(0)).startsWith("vigil.yaml:3:1: error: YAML syntax: ").contains("cannot start any token");
    }

    @Test
    void duplicateKey() {
        assertThat(lines(load("server:\n  port: 1\n  port: 2\n"))).containsExactly(
                "vigil.yaml:3:3: error: server.port: duplicate key (first at line 2)");
    }

    @Test
    void missingRequiredSettings() {
        ConfigResult r = load("""
                smtp:
                  port: 25
                channels:
                  a: { to: [x@example.com] }
                  b: { type: sms }
                  c: { type: webhook }
                  d: { type: email }
                actions:
                  e: { type: command }
                  f: { type: command, argv: [] }
                """);
        assertThat(lines(r)).containsExactly(
                "vigil.yaml:1:1: error: smtp.from: missing: the sender address of emails",
                "vigil.yaml:1:1: error: smtp.host: missing: the SMTP server's host name",
                "vigil.yaml:4:3: error: channels.a.type: missing: expected email or webhook",
                "vigil.yaml:5:14: error: channels.b.type: unknown channel type 'sms' (expected email or webhook)",
                "vigil.yaml:6:3: error: channels.c.url: missing: a webhook channel needs the URL to post to",
                "vigil.yaml:7:3: error: channels.d.to: missing: an email channel needs at least one address",
                "vigil.yaml:9:3: error: actions.e.argv: missing: a command action needs argv: [program, arg, ...] "
                        + "(it runs without a shell)",
                "vigil.yaml:10:23: error: actions.f.argv: the first entry must name the program to run");
    }

    @Test
    void templatesAreCheckedWhereTheyAreWritten() {
        ConfigResult r = load("""
                channels:
                  mail:
                    type: email
                    to: [a@example.com]
                    subject: "Alert {{ vaule }}"
                actions:
                  run: { type: command, argv: [train, '{{ model | rnd }}'] }
                """);
        assertThat(errorLines(r)).containsExactly(
                "vigil.yaml:5:24: error: channels.mail.subject: unknown name 'vaule' in template " + TEMPLATE_NAMES,
                "vigil.yaml:7:51: error: actions.run.argv[1]: unknown filter 'rnd' (known: round(n), pct, upper, lower)");
    }

    @Test
    void namesMustBeIdentifiers() {
        assertThat(lines(load("channels:\n  my-chan: { type: webhook, url: 'http://x/' }\n"))).containsExactly(
                "vigil.yaml:2:3: error: channels.my-chan: names must be identifiers (letters, digits and _, "
                        + "not starting with a digit) so rule files can refer to them");
    }

    @Test
    void urlsAndAddresses() {
        ConfigResult r = load("""
                channels:
                  h: { type: webhook, url: "ftp://files.example.com/" }
                  m: { type: email, to: [nobody] }
                store: { url: 'jdbc:mysql://db/x' }
                smtp: { host: h, from: a@b.c, ssl: true, starttls: true, password: p }
                """);
        assertThat(lines(r)).containsExactly(
                "vigil.yaml:2:28: error: channels.h.url: expected an absolute http:// or https:// URL, "
                        + "got 'ftp://files.example.com/'",
                "vigil.yaml:3:26: error: channels.m.to[0]: expected an email address, got 'nobody'",
                "vigil.yaml:4:15: error: store.url: expected a jdbc:h2: or jdbc:postgresql: URL",
                "vigil.yaml:5:42: error: smtp.starttls: cannot be combined with ssl: true (ssl already encrypts from "
                        + "the first byte)",
                "vigil.yaml:5:58: error: smtp.password: needs a username");
    }

    @Test
    void rootMustBeAMapping() {
        assertThat(lines(load("- a\n- b\n"))).containsExactly(
                "vigil.yaml:1:1: error: expected a mapping of sections (rules, store, server, smtp, channels, actions, "
                        + "models, approvals, engine, silences), got a list");
    }

    @Test
    void aliasesAndSecondDocumentsAreRefused() {
        assertThat(lines(load("models:\n  a: &base {baseline: x}\n  c: *base\n"))).containsExactly(
                "vigil.yaml:3:6: error: YAML aliases (*name) are not supported in vigil.yaml; repeat the value");
        assertThat(lines(load("server: {port: 1}\n---\nstore: {}\n"))).containsExactly(
                "vigil.yaml:3:1: error: only one YAML document is allowed");
    }

    @Test
    void typedValuesFromTheEnvironmentAreCheckedAfterExpansion() {
        Map<String, String> env = Map.of("PORT", "9090", "BAD_PORT", "http");
        assertThat(load("server: { port: '${PORT}' }\n", env).config().server().port()).isEqualTo(9090);
        assertThat(lines(load("server: { port: '${BAD_PORT}' }\n", env))).containsExactly(
                "vigil.yaml:1:17: error: server.port: expected a whole number from 0 to 65535, "
                        + "got '${BAD_PORT}' (after expanding the environment; value hidden)");
    }
}
