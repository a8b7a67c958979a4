package io.vigil.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A notification channel of {@code channels:}; rules name it in {@code notify}. */
public sealed interface Channel permits Channel.Email, Channel.Webhook {

    String name();

    /** Subject template, or null for the built-in one. */
    Text subject();

    /** Body template, or null for the built-in one (plain email text, or the webhook's standard JSON). */
    Text body();

    /** Instances of one rule that start firing within this time go out as one message. */
    Duration groupWait();

    Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);

    /**
     * How long a message is retried before it is dead-lettered, counted from when it was sealed; null
     * for {@code delivery.max_age} (default 24 h, as Alertmanager keeps retrying a receiver).
     */
    Duration retryFor();

    /** {@code type: email}. */
    record Email(String name, List<Text> to, Text subject, Text body, Duration groupWait, Duration retryFor)
            implements Channel {
        public Email {
            to = List.copyOf(to);
        }
    }

    /**
     * {@code type: webhook}.
     *
     * @param secret  signs each request (X-Vigil-Signature), or null
     * @param headers extra request headers; values are secret
     */
    record Webhook(String name, Text url, Format format, Secret secret, Text subject, Text body,
                   Map<String, Secret> headers, Duration timeout, Duration groupWait, Duration retryFor)
            implements Channel {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

        public Webhook {
            headers = Ordered.copy(headers);
        }
    }

    /** The JSON shape a webhook channel posts when it has no {@code body:} template. */
    enum Format {
        /** Prometheus Alertmanager's webhook payload, so existing receivers work. */
        ALERTMANAGER,
        /** A Slack incoming-webhook message with blocks. */
        SLACK
    }
}
