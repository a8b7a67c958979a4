package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vigil.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads just the {@code store:} section of vigil.yaml ({@code url}, {@code user}, {@code password},
 * {@code retention}) with {@code ${NAME}} / {@code ${NAME:-default}} expansion. A stand-in until the
 * full config loader exists: the commands only call {@link #read(Path)}, so swapping it is one place.
 */
final class StoreConfig {
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    /** The config file cannot be used; the message names the file and the key. */
    static final class Invalid extends Exception {
        Invalid(String message) { super(message); }
    }

    private StoreConfig() {}

    static StoreSettings read(Path file) throws Invalid {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new Invalid(file + ": " + e.getMessage().lines().findFirst().orElse("cannot read"));
        }
        JsonNode store = root == null ? null : root.get("store");
        if (store == null || store.isNull()) return StoreSettings.of(StoreSettings.DEFAULT_URL);
        String url = text(file, store, "url", StoreSettings.DEFAULT_URL);
        StoreSettings settings = StoreSettings.of(url)
                .withCredentials(text(file, store, "user", ""), text(file, store, "password", ""));
        String retention = text(file, store, "retention", null);
        return retention == null ? settings : settings.withRetention(duration(file, retention));
    }

    private static String text(Path file, JsonNode store, String key, String fallback) throws Invalid {
        JsonNode v = store.get(key);
        if (v == null || v.isNull()) return fallback;
        if (!v.isValueNode()) throw new Invalid(file + ": store." + key + ": expected a value");
        Matcher m = ENV.matcher(v.asText());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = System.getenv(m.group(1));
            if (value == null) value = m.group(2) == null ? null : m.group(3);
            if (value == null) throw new Invalid(file + ": store." + key + ": environment variable " + m.group(1) + " is not set");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Duration duration(Path file, String text) throws Invalid {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) throw new Invalid(file + ": store.retention: '" + text + "' is not a duration such as 90d");
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        if (d.isZero()) throw new Invalid(file + ": store.retention: must be more than zero");
        return d;
    }
}
