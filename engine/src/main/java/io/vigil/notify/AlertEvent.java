package io.vigil.notify;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vigil.template.TemplateContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One alert instance as a notification or action run tells of it, frozen when the outbox row was
 * written: later rule reloads or state changes do not alter what is sent or retried.
 *
 * @param alertId  the instance's id ({@code /api/v1/alerts/{id}})
 * @param value    the value it held with; null when there is none
 * @param state    {@code firing} or {@code resolved}
 * @param summary  the rule's summary, rendered for this instance
 * @param startsAt when the instance started firing
 * @param endsAt   when it resolved, or null while firing
 * @param at       the evaluation time of the event
 */
public record AlertEvent(long alertId, String model, String rule, SortedMap<String, String> labels, Double value,
                         String state, String severity, String summary, String description, String runbook,
                         Instant startsAt, Instant endsAt, Instant at) {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public AlertEvent {
        labels = new TreeMap<>(labels);
    }

    /** The values templates can name (language.md §5). */
    public TemplateContext context() {
        return new TemplateContext(value == null ? Double.NaN : value, labels, rule, model, severity, state, startsAt,
                runbook == null ? "" : runbook);
    }

    /** A config template (checked when the config was loaded) rendered for this alert. */
    public String render(io.vigil.config.Text template, io.vigil.template.Escape escape) {
        return io.vigil.template.Template.of(template.reveal()).render(context(), escape);
    }

    /** The labels a silence matches against: the instance's plus {@code model}, {@code rule}, {@code severity}. */
    @JsonIgnore
    public Map<String, String> matchLabels() {
        return matchLabels(labels, model, rule, severity);
    }

    static Map<String, String> matchLabels(Map<String, String> labels, String model, String rule, String severity) {
        Map<String, String> m = new TreeMap<>(labels);
        m.put("model", model);
        m.put("rule", rule);
        if (severity != null) m.put("severity", severity);
        return m;
    }

    /** A stable 16-hex-digit identity of the instance, as Alertmanager's fingerprint. */
    @JsonIgnore
    public String fingerprint() {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((model + "\u0000" + rule).getBytes(StandardCharsets.UTF_8));
            labels.forEach((k, v) -> d.update(("\u0000" + k + "\u0000" + v).getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(d.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an alert event as JSON", e);
        }
    }

    static AlertEvent fromJson(String json) {
        try {
            return JSON.readValue(json, AlertEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt outbox payload: " + e.getOriginalMessage(), e);
        }
    }
}
