package io.vigil.config;

import io.vigil.stats.quality.ModelKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the sections of vigil.yaml (docs/config.md) into a {@link Config}, collecting every problem. */
final class ConfigBinder {
    private static final List<String> ROOT = List.of(
            "rules", "store", "server", "smtp", "channels", "actions", "models", "approvals", "engine", "silences", "delivery");

    private final NodeReader reader;
    private final Path base;

    ConfigBinder(NodeReader reader, Path base) {
        this.reader = reader;
        this.base = base;
    }

    Config bind(YamlNode root) {
        Section s = reader.section(root, "", root == null ? 0 : root.start(), ROOT, "sections");
        Config.Smtp smtp = s.has("smtp") ? smtp(s.section("smtp", SMTP, "smtp settings")) : null;
        DeliveryBinder delivery = new DeliveryBinder(reader);
        Map<String, Channel> channels = delivery.channels(s, smtp != null);
        Map<String, Action> actions = delivery.actions(s);
        return new Config(
                s.paths("rules", base),
                store(s.section("store", STORE, "store settings")),
                server(s.section("server", SERVER, "server settings")),
                smtp,
                channels,
                actions,
                models(s),
                new Config.Approvals(s.section("approvals", List.of("expire_after"), "approval settings")
                        .duration("expire_after", Config.Approvals.DEFAULT_EXPIRY, false)),
                new Config.Engine(s.section("engine", List.of("catch_up"), "engine settings")
                        .choice("catch_up", CatchUp.class, CatchUp.LAST)),
                new SilenceBinder(reader).silences(s),
                delivery(s.section("delivery", List.of("max_attempts", "max_age"), "delivery settings")));
    }

    private static final List<String> STORE = List.of("url", "user", "password", "retention");

    private Config.Store store(Section s) {
        Text url = s.text("url", Config.DEFAULT_STORE_URL);
        String u = url.reveal().strip();
        if (!u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:postgresql:")) {
            // Never echo the URL: JDBC URLs can carry credentials.
            reader.error(s.node("url") == null ? s.anchor() : s.node("url").start(), s.pathOf("url"),
                    "expected a jdbc:h2: or jdbc:postgresql: URL");
        }
        Secret password = s.secret("password");
        return new Config.Store(url, s.text("user", ""), password == null ? Secret.of("") : password,
                s.duration("retention", Config.Store.DEFAULT_RETENTION, false));
    }

    private static Config.Delivery delivery(Section s) {
        return new Config.Delivery(s.integer("max_attempts", 1, 1000, Config.Delivery.DEFAULT_MAX_ATTEMPTS),
                s.duration("max_age", Config.Delivery.DEFAULT_MAX_AGE, false));
    }

    private static final List<String> SERVER = List.of("port", "tokens", "max_body", "public_url");

    private Config.Server server(Section s) {
        List<Secret> tokens = new ArrayList<>();
        for (Text t : s.textList("tokens", true)) {
            // An empty token (e.g. from ${TOKEN:-}) would accept "Bearer " — it means "no token" instead.
            if (!t.reveal().isEmpty()) tokens.add((Secret) t);
        }
        return new Config.Server(s.integer("port", 0, 65535, Config.Server.DEFAULT_PORT), tokens,
                s.size("max_body", Config.Server.DEFAULT_MAX_BODY),
                s.has("public_url") ? s.url("public_url", "the URL people reach the API at") : null);
    }

    private static final List<String> SMTP = List.of("host", "port", "starttls", "ssl", "username", "password", "from");

    private Config.Smtp smtp(Section s) {
        Text host = s.requiredText("host", "the SMTP server's host name");
        boolean ssl = s.bool("ssl", false);
        boolean starttls = s.bool("starttls", !ssl);
        if (ssl && starttls && s.has("starttls")) {
            reader.error(s.keyOffset("starttls"), s.pathOf("starttls"),
                    "cannot be combined with ssl: true (ssl already encrypts from the first byte)");
        }
        int port = s.integer("port", 1, 65535, ssl ? 465 : 587);
        Text username = s.text("username", null);
        Secret password = s.secret("password");
        if (password != null && username == null) {
            reader.error(s.keyOffset("password"), s.pathOf("password"), "needs a username");
        }
        if (password != null && !ssl && !starttls) {
            reader.warning(s.keyOffset("starttls"), s.pathOf("starttls"), "the SMTP password is sent in clear text "
                    + "(starttls: false and no ssl); anyone on the network path can read it: use starttls: true or "
                    + "ssl: true");
        }
        Text from = s.requiredText("from", "the sender address of emails");
        if (from != null && !from.reveal().contains("@")) {
            reader.error(s.node("from").start(), s.pathOf("from"), "expected an email address"
                    + (from.isSecret() ? "" : ", got '" + from.reveal() + "'"));
        }
        return new Config.Smtp(host, port, ssl ? false : starttls, ssl, username, password, from);
    }

    private static final List<String> MODEL = List.of("baseline", "kind", "positive_class", "threshold", "retention");

    private Map<String, Config.ModelSettings> models(Section root) {
        Map<String, Config.ModelSettings> out = new LinkedHashMap<>();
        root.named("models", "models").forEach((name, e) -> {
            Section m = reader.section(e.value(), "models." + name, e.keyStart(), MODEL, "model settings");
            Text baseline = m.text("baseline", null);
            ModelKind kind = m.choice("kind", ModelKind.class, null);
            for (String binaryOnly : List.of("positive_class", "threshold")) {
                if (m.has(binaryOnly) && kind != ModelKind.BINARY) {
                    reader.error(m.keyOffset(binaryOnly), m.pathOf(binaryOnly), "applies to binary models only; add kind: binary"
                            + (kind == null ? "" : " (this model is " + kind.yamlName() + ")"));
                }
            }
            Text positive = m.text("positive_class", Config.ModelSettings.DEFAULT_POSITIVE_CLASS);
            out.put(name, new Config.ModelSettings(baseline == null ? null : baseline.reveal(), kind,
                    positive.reveal(), m.number("threshold", 0, 1, Config.ModelSettings.DEFAULT_THRESHOLD),
                    m.duration("retention", Config.ModelSettings.DEFAULT_RETENTION, false)));
        });
        return out;
    }
}
