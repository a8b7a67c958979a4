package io.vigil.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.check.Durations;
import io.vigil.config.Action;
import io.vigil.config.Text;
import io.vigil.notify.AlertEvent;
import io.vigil.notify.Delivery;
import io.vigil.notify.Links;
import io.vigil.notify.Outcome;
import io.vigil.notify.Sender;
import io.vigil.notify.WebhookPost;
import io.vigil.template.Escape;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs actions: a {@code webhook} action is a JSON POST (its body template rendered with JSON-escaped
 * values, or the alert as JSON); a {@code command} action runs its argv, each entry rendered as one
 * argument. A command's exit code and output tail are recorded; a failed or timed-out run is not
 * retried, since running a pipeline twice is worse than telling a person it failed.
 */
public final class ActionSender implements Sender {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Action> actions;
    private final WebhookPost http;
    private final CommandRunner runner;
    private final Path directory;
    private final Links links;

    /** @param directory where commands run (the config file's directory) */
    public ActionSender(Map<String, Action> actions, WebhookPost http, CommandRunner runner, Path directory, Links links) {
        this.actions = Map.copyOf(actions);
        this.http = http;
        this.runner = runner;
        this.directory = directory;
        this.links = links;
    }

    @Override
    public Outcome send(Delivery d) {
        Action action = actions.get(d.target());
        if (action == null) return new Outcome.Dead("action '" + d.target() + "' is no longer in the config");
        AlertEvent alert = d.first();
        if (action instanceof Action.Webhook w) {
            String body = w.body() == null ? defaultBody(d) : alert.render(w.body(), Escape.JSON);
            return http.post(w.url(), w.headers(), w.secret(), body, d.idempotencyKey(), w.timeout());
        }
        return run((Action.Command) action, d, alert);
    }

    private Outcome run(Action.Command command, Delivery d, AlertEvent alert) {
        List<String> argv = new ArrayList<>();
        for (Text t : command.argv()) argv.add(alert.render(t, Escape.NONE));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VIGIL_IDEMPOTENCY_KEY", d.idempotencyKey());
        env.put("VIGIL_ACTION", command.name());
        env.put("VIGIL_MODEL", d.model());
        env.put("VIGIL_RULE", d.rule());
        env.put("VIGIL_ALERT_ID", Long.toString(alert.alertId()));
        CommandRunner.Result r;
        try {
            r = runner.run(argv, directory, env, command.timeout());
        } catch (IOException e) {
            String program = command.argv().get(0).isSecret() ? "the program" : "'" + argv.get(0) + "'";
            return new Outcome.Dead("cannot start " + program + ": " + e.getMessage());
        }
        String tail = r.tail().isEmpty() ? "(no output)" : r.tail();
        if (r.timedOut()) {
            return new Outcome.Dead("stopped after the timeout of " + Durations.format(command.timeout()), tail);
        }
        String took = " after " + Durations.format(Duration.ofMillis(r.took().toMillis()));
        if (r.exitCode() == 0) return new Outcome.Delivered("exit 0" + took + "\n" + tail);
        return new Outcome.Dead("exit " + r.exitCode() + took, tail);
    }

    /** The alert as JSON, for webhook actions without a body template. */
    private String defaultBody(Delivery d) {
        AlertEvent a = d.first();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", d.target());
        m.put("model", a.model());
        m.put("rule", a.rule());
        m.put("labels", a.labels());
        m.put("value", a.value());
        m.put("severity", a.severity());
        m.put("state", a.state());
        m.put("since", String.valueOf(a.startsAt()));
        m.put("summary", a.summary());
        m.put("runbook", a.runbook());
        m.put("alert_url", links.alert(a.alertId()));
        m.put("idempotency_key", d.idempotencyKey());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an action body", e);
        }
    }

    @Override
    public Duration timeout(String target) {
        Action a = actions.get(target);
        return a == null ? Duration.ofMinutes(1) : a.timeout();
    }

    @Override
    public boolean groups(String target) { return false; }
}
