package io.vigil.notify;

import io.vigil.config.Action;
import io.vigil.config.Channel;
import io.vigil.config.Config;
import io.vigil.config.Text;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Masks the values of secret settings in texts that leave the process or get stored: errors from
 * HTTP and SMTP libraries can quote a URL, a header or a user name, and those may hold tokens.
 */
public final class Redaction {
    private static final int SHORTEST = 4;
    private final List<String> secrets;

    public Redaction(List<String> secrets) {
        // Longest first, so a secret containing another is masked whole. Very short values would mask
        // ordinary words, and cannot be worth much as secrets.
        this.secrets = secrets.stream().filter(s -> s.length() >= SHORTEST).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** Every secret text setting of a config: environment-expanded values, passwords, secrets, headers. */
    public static Redaction of(Config config) {
        List<String> out = new ArrayList<>();
        if (config.smtp() != null) {
            Config.Smtp s = config.smtp();
            for (Text t : new Text[] {s.host(), s.username(), s.password(), s.from()}) add(out, t);
        }
        for (Channel c : config.channels().values()) {
            if (c instanceof Channel.Email e) e.to().forEach(t -> add(out, t));
            if (c instanceof Channel.Webhook w) {
                add(out, w.url());
                add(out, w.secret());
                w.headers().values().forEach(t -> add(out, t));
            }
        }
        for (Action a : config.actions().values()) {
            if (a instanceof Action.Webhook w) {
                add(out, w.url());
                add(out, w.secret());
                w.headers().values().forEach(t -> add(out, t));
            }
            if (a instanceof Action.Command cmd) cmd.argv().forEach(t -> add(out, t));
        }
        config.server().tokens().forEach(t -> add(out, t));
        add(out, config.store().password());
        return new Redaction(out);
    }

    private static void add(List<String> out, Text t) {
        if (t == null || !t.isSecret()) return;
        out.add(t.reveal());
        // Error pages often echo only the path of a URL, and webhook URLs keep their token there.
        try {
            java.net.URI uri = new java.net.URI(t.reveal().strip());
            if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
                out.add(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            }
            if (uri.getRawQuery() != null) out.add(uri.getRawQuery());
            if (uri.getRawUserInfo() != null) out.add(uri.getRawUserInfo());
        } catch (java.net.URISyntaxException e) {
            // not a URL: the whole value is masked above
        }
    }

    /** The text with every secret value replaced by {@code ***}. */
    public String apply(String text) {
        if (text == null) return null;
        String out = text;
        for (String s : secrets) out = out.replace(s, "***");
        return out;
    }

    static Redaction none() { return new Redaction(List.of()); }

    @Override
    public String toString() { return "Redaction[" + secrets.size() + " secret(s)]"; }
}
