package io.vigil.notify;

import io.vigil.config.Channel;
import java.time.Duration;
import java.util.Map;

/** Sends notifications to the channels of the config: email through a {@link Mailer}, webhooks as JSON POSTs. */
final class ChannelSender implements Sender {
    static final Duration EMAIL_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Channel> channels;
    private final Mailer mailer;
    private final WebhookPost http;
    private final Links links;

    ChannelSender(Map<String, Channel> channels, Mailer mailer, WebhookPost http, Links links) {
        this.channels = Map.copyOf(channels);
        this.mailer = mailer;
        this.http = http;
        this.links = links;
    }

    @Override
    public Outcome send(Delivery d) {
        Channel channel = channels.get(d.target());
        if (channel == null) return new Outcome.Dead("channel '" + d.target() + "' is no longer in the config");
        if (channel instanceof Channel.Email email) {
            String id = "<" + d.idempotencyKey() + "@" + mailer.domain() + ">";
            return mailer.send(MailContent.recipients(email), MailContent.of(email, d, links), id);
        }
        Channel.Webhook hook = (Channel.Webhook) channel;
        return http.post(hook.url(), hook.headers(), hook.secret(), WebhookBody.of(hook, d, links), d.idempotencyKey(),
                hook.timeout());
    }

    @Override
    public Duration retryFor(String target) {
        Channel c = channels.get(target);
        return c == null ? null : c.retryFor();
    }

    @Override
    public Duration timeout(String target) {
        return channels.get(target) instanceof Channel.Webhook w ? w.timeout() : EMAIL_TIMEOUT;
    }

    /** A webhook body template describes one alert, so such a channel gets one request per alert. */
    @Override
    public boolean groups(String target) {
        return groups(channels, target);
    }

    static boolean groups(Map<String, Channel> channels, String target) {
        return !(channels.get(target) instanceof Channel.Webhook w && w.body() != null);
    }
}
