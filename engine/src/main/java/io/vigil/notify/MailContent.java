package io.vigil.notify;

import io.vigil.config.Channel;
import io.vigil.template.Escape;
import java.util.List;

/**
 * One email: subject, plain text, and a small HTML part with the alerts' values, labels, runbook and
 * links to the API; every inserted value in the HTML is escaped.
 */
record MailContent(String subject, String text, String html) {

    static MailContent of(Channel.Email channel, Delivery d, Links links) {
        return new MailContent(MessageText.subject(d, channel.subject()),
                MessageText.plainBody(d, channel.body(), links), html(d, links));
    }

    static String html(Delivery d, Links links) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n");
        out.append("<h3>").append(h(MessageText.headline(d))).append("</h3>\n");
        for (AlertEvent a : d.alerts()) {
            out.append("<table style=\"border-collapse: collapse; margin-bottom: 1em\">\n");
            row(out, "Summary", h(a.summary()));
            row(out, "Value", h(MessageText.value(a)));
            row(out, "Labels", h(MessageText.labels(a.labels())));
            row(out, "Since", h(String.valueOf(a.startsAt())));
            if (a.endsAt() != null) row(out, "Ended", h(a.endsAt().toString()));
            if (a.description() != null) row(out, "Description", h(a.description()));
            row(out, "Details", link(links.alert(a.alertId())));
            out.append("</table>\n");
        }
        String runbook = d.first().runbook();
        if (runbook != null) out.append("<p>Runbook: ").append(link(runbook)).append("</p>\n");
        return out.append("</body></html>\n").toString();
    }

    private static void row(StringBuilder out, String name, String html) {
        out.append("<tr><th style=\"text-align: left; padding-right: 1em\">").append(name).append("</th><td>")
                .append(html).append("</td></tr>\n");
    }

    /** A link only for http(s) URLs; anything else (a {@code javascript:} runbook) is shown as text. */
    private static String link(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) return h(url);
        return "<a href=\"" + h(url) + "\">" + h(url) + "</a>";
    }

    private static String h(String s) { return Escape.HTML.apply(s); }

    /** The recipients' addresses. */
    static List<String> recipients(Channel.Email channel) {
        return channel.to().stream().map(t -> t.reveal().strip()).toList();
    }
}
