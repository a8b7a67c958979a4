package io.vigil.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** An action of {@code actions:} that a rule's {@code trigger} runs, e.g. a retraining pipeline. */
public sealed interface Action permits Action.Webhook, Action.Command {

    String name();

    /** How long one run may take before it counts as failed. */
    Duration timeout();

    /**
     * {@code type: webhook}: a POST to a pipeline's run endpoint.
     *
     * @param body   JSON body template (values JSON-escaped), or null for the standard alert JSON
     * @param secret signs each request like a webhook channel, or null
     */
    record Webhook(String name, Text url, Map<String, Secret> headers, Text body, Secret secret, Duration timeout)
            implements Action {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

        public Webhook {
            headers = Ordered.copy(headers);
        }
    }

    /** {@code type: command}: a program run without a shell; each argv entry is a template giving one argument. */
    record Command(String name, List<Text> argv, Duration timeout) implements Action {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

        public Command {
            argv = List.copyOf(argv);
        }
    }
}
