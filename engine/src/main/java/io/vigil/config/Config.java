package io.vigil.config;

import io.vigil.check.References;
import io.vigil.stats.quality.ModelKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded vigil.yaml (docs/config.md): immutable, defaults filled in, every path resolved, every
 * template validated. Printing it never shows a secret.
 *
 * @param rules    rule files and directories, resolved against the config file's directory
 * @param smtp     null when the file has no {@code smtp:} section
 * @param channels by name, in file order
 * @param silences recurring maintenance windows by name, in file order
 */
public record Config(
        List<Path> rules,
        Store store,
        Server server,
        Smtp smtp,
        Map<String, Channel> channels,
        Map<String, Action> actions,
        Map<String, ModelSettings> models,
        Approvals approvals,
        Engine engine,
        Map<String, MaintenanceWindow> silences,
        Delivery delivery) {

    public static final String DEFAULT_STORE_URL = "jdbc:h2:file:./data/vigil";

    public Config {
        rules = List.copyOf(rules);
        channels = Ordered.copy(channels);
        actions = Ordered.copy(actions);
        models = Ordered.copy(models);
        silences = Ordered.copy(silences);
    }

    /** The settings used when there is no config file. */
    public static Config defaults() {
        return new Config(List.of(), Store.defaults(), Server.defaults(), null, Map.of(), Map.of(), Map.of(),
                new Approvals(Approvals.DEFAULT_EXPIRY), new Engine(CatchUp.LAST), Map.of(), Delivery.defaults());
    }

    /** {@code store:} — where series, alerts and the outbox live. */
    public record Store(Text url, Text user, Secret password, Duration retention) {
        public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

        static Store defaults() {
            return new Store(Text.plain(DEFAULT_STORE_URL), Text.plain(""), Secret.of(""), DEFAULT_RETENTION);
        }
    }

    /**
     * {@code server:} — the HTTP API.
     *
     * @param tokens    bearer tokens the API accepts; none means it binds to 127.0.0.1 only
     * @param publicUrl the URL people reach the API at, for links in notifications; null for the bound address
     */
    public record Server(int port, List<Secret> tokens, long maxBodyBytes, Text publicUrl) {
        public static final int DEFAULT_PORT = 8080;
        public static final long DEFAULT_MAX_BODY = 16L << 20;

        public Server {
            tokens = List.copyOf(tokens);
        }

        static Server defaults() {
            return new Server(DEFAULT_PORT, List.of(), DEFAULT_MAX_BODY, null);
        }
    }

    /**
     * {@code smtp:} — the mail server email channels send through.
     *
     * @param starttls upgrade the connection with STARTTLS, and fail rather than send in clear text
     * @param ssl      TLS from the first byte (usually port 465)
     * @param username null for no authentication
     */
    public record Smtp(Text host, int port, boolean starttls, boolean ssl, Text username, Secret password, Text from) {}

    /**
     * {@code models.<name>:} — per-model settings.
     *
     * @param baseline      the default baseline of drift functions, or null
     * @param kind          what the model predicts (predictions.md §1), or null when undeclared: then each
     *                      prediction's kind is the field it has
     * @param positiveClass binary models: the class {@code actual} and {@code class} compare with
     * @param threshold     binary models: a prediction without {@code class} is positive when score ≥ this
     * @param retention     predictions and outcomes older than this are deleted
     */
    public record ModelSettings(String baseline, ModelKind kind, String positiveClass, double threshold,
                                Duration retention) {
        public static final String DEFAULT_POSITIVE_CLASS = "1";
        public static final double DEFAULT_THRESHOLD = 0.5;
        public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

        /** Settings of a model vigil.yaml does not mention. */
        public static ModelSettings defaults() {
            return new ModelSettings(null, null, DEFAULT_POSITIVE_CLASS, DEFAULT_THRESHOLD, DEFAULT_RETENTION);
        }
    }

    /** The settings of {@code model}; defaults when vigil.yaml does not mention it. */
    public ModelSettings model(String model) {
        return models.getOrDefault(model, ModelSettings.defaults());
    }

    /** {@code approvals:} — how long an action waits for a person before it expires. */
    public record Approvals(Duration expireAfter) {
        public static final Duration DEFAULT_EXPIRY = Duration.ofHours(24);
    }

    /**
     * {@code delivery:} — how long notifications and action runs are retried before they are dead letters.
     *
     * @param maxAttempts attempts per delivery, the first included
     * @param maxAge      no attempt is made later than this after the delivery was created
     */
    public record Delivery(int maxAttempts, Duration maxAge) {
        /** No limit: retries are bounded by time (max_age, a channel's retry_for). */
        public static final int DEFAULT_MAX_ATTEMPTS = Integer.MAX_VALUE;
        public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);

        static Delivery defaults() {
            return new Delivery(DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_AGE);
        }
    }

    /** {@code engine:} — what to do with evaluations missed while the engine was down. */
    public record Engine(CatchUp catchUp) {}

    /** The names rule files may refer to, for the checker. */
    public References references() {
        Map<String, String> baselines = new HashMap<>();
        Map<String, ModelKind> kinds = new HashMap<>();
        models.forEach((name, m) -> {
            if (m.baseline() != null) baselines.put(name, m.baseline());
            if (m.kind() != null) kinds.put(name, m.kind());
        });
        return new References(channels.keySet(), actions.keySet(), baselines, kinds);
    }
}
