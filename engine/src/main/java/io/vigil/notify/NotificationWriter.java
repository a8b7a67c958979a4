package io.vigil.notify;

import io.vigil.check.ResolvedRule;
import io.vigil.config.Channel;
import io.vigil.runtime.NotifyTiming;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbox rows for a rule's {@code notify} channels: on firing (held for the channel's group_wait so
 * instances starting together go out as one message), every {@code repeat} while firing, and on
 * resolved to channels that were told of the firing. A silenced send is recorded as suppressed and
 * does not count as told, so the alert is sent when the silence ends if it is still firing.
 */
public final class NotificationWriter implements StepWriter {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationWriter.class);

    private final Map<String, Channel> channels;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public NotificationWriter(Map<String, Channel> channels) {
        this.channels = Map.copyOf(channels);
    }

    @Override
    public void write(AlertStep s) throws SQLException {
        for (ResolvedRule.NotifySpec spec : s.rule().notifications()) {
            Channel channel = channels.get(spec.channel());
            if (channel == null) {
                if (warned.add(spec.channel())) {
                    LOG.warn("rule {} notifies channel '{}', which the config does not define; nothing is sent to it",
                            s.rule().id(), spec.channel());
                }
                continue;
            }
            Instant told = Outbox.lastTold(s.connection(), s.instanceId(), spec.channel());
            NotifyTiming.Send send = NotifyTiming.decide(s.step(), told, spec.repeat(), s.t());
            if (send == NotifyTiming.Send.NONE) continue;
            String event = send.name().toLowerCase(Locale.ROOT);
            Optional<String> silenced = s.silencedBy();
            if (silenced.isPresent()) {
                // A still-firing alert no channel was told of asks again at every evaluation: record it once.
                boolean catchUp = s.step().transition().isEmpty() && send == NotifyTiming.Send.FIRING;
                if (!catchUp || !Outbox.suppressedSince(s.connection(), s.instanceId(), spec.channel(),
                        s.step().state().firedAt())) {
                    Outbox.record(s, "notify", spec.channel(), event, "suppressed", "suppressed by " + silenced.get());
                }
                continue;
            }
            Instant due = s.now();
            if (send == NotifyTiming.Send.FIRING) {
                due = due.plus(channel.groupWait());
            } else if (send == NotifyTiming.Send.RESOLVED) {
                Instant firing = Outbox.queuedFiringDue(s.connection(), s.instanceId(), spec.channel());
                if (firing != null && firing.isAfter(due)) due = firing;
            }
            Outbox.queue(s, "notify", spec.channel(), event, false, due);
            if (send != NotifyTiming.Send.RESOLVED) Outbox.markTold(s.connection(), s.instanceId(), spec.channel(), s.t());
        }
    }
}
