package io.vigil.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.config.Channel;
import io.vigil.template.Escape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON a webhook channel posts: the channel's {@code body:} template (values JSON-escaped), else
 * Prometheus Alertmanager's webhook payload (version 4) so existing receivers work unchanged, or a
 * Slack incoming-webhook message with blocks.
 */
final class WebhookBody {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What Alertmanager sends as endsAt while an alert is firing. */
    private static final String NO_END = "0001-01-01T00:00:00Z";
    private static final int SLACK_ALERTS = 10;

    private WebhookBody() {}

    static String of(Channel.Webhook channel, Delivery d, Links links) {
        if (channel.body() != null) return d.first().render(channel.body(), Escape.JSON);
        Object body = channel.format() == Channel.Format.SLACK ? slack(channel, d, links) : alertmanager(channel, d, links);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a webhook body", e);
        }
    }

    static Map<String, Object> alertmanager(Channel.Webhook channel, Delivery d, Links links) {
        List<Map<String, Object>> alerts = new ArrayList<>();
        List<Map<String, String>> labelSets = new ArrayList<>();
        List<Map<String, String>> annotationSets = new ArrayList<>();
        for (AlertEvent a : d.alerts()) {
            Map<String, String> labels = new TreeMap<>(AlertEvent.matchLabels(a.labels(), a.model(), a.rule(), a.severity()));
            labels.put("alertname", a.rule());
            labels.remove("rule");
            Map<String, String> annotations = new TreeMap<>();
            annotations.put("summary", a.summary());
            if (a.description() != null) annotations.put("description", a.description());
            if (a.runbook() != null) annotations.put("runbook_url", a.runbook());
            annotations.put("value", MessageText.value(a));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", a.state());
            m.put("labels", labels);
            m.put("annotations", annotations);
            m.put("startsAt", String.valueOf(a.startsAt()));
            m.put("endsAt", a.endsAt() == null ? NO_END : a.endsAt().toString());
            m.put("generatorURL", links.alert(a.alertId()));
            m.put("fingerprint", a.fingerprint());
            alerts.add(m);
            labelSets.add(labels);
            annotationSets.add(annotations);
        }
        Map<String, String> groupLabels = new TreeMap<>(Map.of("alertname", d.rule(), "model", d.model()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", "4");
        out.put("groupKey", "{}:{alertname=\"" + d.rule() + "\", model=\"" + d.model() + "\"}");
        out.put("truncatedAlerts", 0);
        out.put("status", d.status());
        out.put("receiver", channel.name());
        out.put("groupLabels", groupLabels);
        out.put("commonLabels", common(labelSets));
        out.put("commonAnnotations", common(annotationSets));
        out.put("externalURL", links.base());
        out.put("alerts", alerts);
        return out;
    }

    /** The entries every map shares. */
    private static Map<String, String> common(List<Map<String, String>> maps) {
        Map<String, String> out = new TreeMap<>(maps.get(0));
        for (Map<String, String> m : maps) out.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
        return out;
    }

    static Map<String, Object> slack(Channel.Webhook channel, Delivery d, Links links) {
        String title = MessageText.subject(d, channel.subject());
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", cut(title, 150))));
        List<AlertEvent> alerts = d.alerts();
        for (AlertEvent a : alerts.subList(0, Math.min(alerts.size(), SLACK_ALERTS))) {
            String text = "*" + mrkdwn(a.summary()) + "*\nvalue " + mrkdwn(MessageText.value(a)) + " · "
                    + mrkdwn(MessageText.labels(a.labels())) + " · since " + a.startsAt()
                    + (a.endsAt() == null ? "" : " · ended " + a.endsAt())
                    + "\n<" + links.alert(a.alertId()) + "|details>";
            blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", cut(text, 3000))));
        }
        StringBuilder context = new StringBuilder("severity " + mrkdwn(String.valueOf(d.first().severity())));
        if (alerts.size() > SLACK_ALERTS) context.append(" · and ").append(alerts.size() - SLACK_ALERTS).append(" more");
        String runbook = d.first().runbook();
        if (runbook != null && runbook.matches("(?i)https?://[^|<>\\s]+")) context.append(" · <").append(runbook).append("|runbook>");
        blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", context.toString()))));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("text", title);
        out.put("blocks", blocks);
        return out;
    }

    /** Slack's mrkdwn needs only these three escaped. */
    private static String mrkdwn(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
