package io.vigil.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code channels:} and {@code actions:}: where alerts are sent and what triggers run. */
final class DeliveryBinder {
    private static final List<String> EMAIL = List.of("type", "to", "subject", "body", "group_wait", "retry_for");
    private static final List<String> WEBHOOK = List.of(
            "type", "url", "format", "secret", "subject", "body", "headers", "timeout", "group_wait",
            "retry_for");
    private static final List<String> ACTION_WEBHOOK = List.of("type", "url", "headers", "body", "secret", "timeout");
    private static final List<String> COMMAND = List.of("type", "argv", "timeout");

    private final NodeReader reader;

    DeliveryBinder(NodeReader reader) {
        this.reader = reader;
    }

    Map<String, Channel> channels(Section root, boolean hasSmtp) {
        Map<String, Channel> out = new LinkedHashMap<>();
        root.named("channels", "channels").forEach((name, e) -> {
            String path = "channels." + name;
            String type = type(e, path, List.of("email", "webhook"), "channel");
            if (type == null) return;
            if (type.equals("email")) {
                Section s = reader.section(e.value(), path, e.keyStart(), EMAIL, "email channel settings");
                if (!hasSmtp) reader.warning(e.keyStart(), path, "email channel, but there is no smtp: section to send it with");
                out.put(name, new Channel.Email(name, recipients(s), s.template("subject"), s.template("body"),
                        s.duration("group_wait", Channel.DEFAULT_GROUP_WAIT, true), s.duration("retry_for", null, false)));
            } else {
                Section s = reader.section(e.value(), path, e.keyStart(), WEBHOOK, "webhook channel settings");
                out.put(name, new Channel.Webhook(name, s.url("url", "a webhook channel needs the URL to post to"),
                        s.choice("format", Channel.Format.class, Channel.Format.ALERTMANAGER), s.secret("secret"),
                        s.template("subject"), s.template("body"), s.secretMap("headers"),
                        s.duration("timeout", Channel.Webhook.DEFAULT_TIMEOUT, false),
                        s.duration("group_wait", Channel.DEFAULT_GROUP_WAIT, true), s.duration("retry_for", null, false)));
            }
        });
        return out;
    }

    Map<String, Action> actions(Section root) {
        Map<String, Action> out = new LinkedHashMap<>();
        root.named("actions", "actions").forEach((name, e) -> {
            String path = "actions." + name;
            String type = type(e, path, List.of("webhook", "command"), "action");
            if (type == null) return;
            if (type.equals("webhook")) {
                Section s = reader.section(e.value(), path, e.keyStart(), ACTION_WEBHOOK, "webhook action settings");
                out.put(name, new Action.Webhook(name, s.url("url", "a webhook action needs the URL to post to"),
                        s.secretMap("headers"), s.template("body"), s.secret("secret"),
                        s.duration("timeout", Action.Webhook.DEFAULT_TIMEOUT, false)));
            } else {
                Section s = reader.section(e.value(), path, e.keyStart(), COMMAND, "command action settings");
                List<Text> argv = s.templateList("argv");
                if (argv.isEmpty() && !s.has("argv")) {
                    s.missing("argv", "a command action needs argv: [program, arg, ...] (it runs without a shell)");
                } else if (argv.isEmpty() || argv.get(0).reveal().isBlank()) {
                    reader.error(s.keyOffset("argv"), s.pathOf("argv"), "the first entry must name the program to run");
                }
                out.put(name, new Action.Command(name, argv, s.duration("timeout", Action.Command.DEFAULT_TIMEOUT, false)));
            }
        });
        return out;
    }

    private List<Text> recipients(Section s) {
        List<Text> to = s.textList("to", false);
        if (!s.has("to")) {
            s.missing("to", "an email channel needs at least one address");
        } else if (to.isEmpty()) {
            reader.error(s.keyOffset("to"), s.pathOf("to"), "an email channel needs at least one address");
        }
        YamlNode node = s.node("to");
        boolean aligned = node instanceof YamlNode.Sequence seq && seq.items().size() == to.size();
        for (int i = 0; i < to.size(); i++) {
            Text t = to.get(i);
            if (!t.reveal().contains("@")) {
                int at = aligned ? ((YamlNode.Sequence) node).items().get(i).start() : node.start();
                reader.error(at, s.pathOf("to") + (node instanceof YamlNode.Sequence ? "[" + i + "]" : ""),
                        "expected an email address" + (t.isSecret() ? "" : ", got '" + t.reveal() + "'"));
            }
        }
        return to;
    }

    /** The {@code type:} of a channel or action, or null (reported) when missing or unknown. */
    private String type(YamlNode.Entry e, String path, List<String> types, String what) {
        if (!(e.value() instanceof YamlNode.Mapping m)) {
            reader.error(e.value() == null ? e.keyStart() : e.value().start(), path, "expected a mapping with type: "
                    + String.join(" or ", types) + ", got " + (e.value() == null ? "nothing" : e.value().kind()));
            return null;
        }
        YamlNode.Entry typeEntry = m.entries().stream().filter(x -> x.key().equals("type")).findFirst().orElse(null);
        if (typeEntry == null) {
            reader.error(e.keyStart(), path + ".type", "missing: expected " + String.join(" or ", types));
            return null;
        }
        NodeReader.Value v = reader.scalar(typeEntry.value(), path + ".type", String.join(" or ", types), false);
        if (v == null) {
            if (typeEntry.value() instanceof YamlNode.Scalar s && s.isNull()) {
                reader.error(typeEntry.keyStart(), path + ".type", "missing: expected " + String.join(" or ", types));
            }
            return null;
        }
        if (!types.contains(v.text())) {
            reader.error(v.node().start(), path + ".type", "unknown " + what + " type " + reader.shown(v, false)
                    + " (expected " + String.join(" or ", types) + ")"
                    + (v.fromEnvironment() ? "" : io.vigil.ast.Suggestions.hint(v.text(), types)));
            return null;
        }
        return v.text();
    }
}
