package io.vigil.testing;

import io.vigil.action.Approvals;
import io.vigil.action.TriggerWriter;
import io.vigil.check.ResolvedRule;
import io.vigil.config.Action;
import io.vigil.config.Channel;
import io.vigil.config.Config;
import io.vigil.notify.AlertEvent;
import io.vigil.notify.Deliveries;
import io.vigil.notify.DryDispatcher;
import io.vigil.notify.MutableClock;
import io.vigil.notify.NotificationWriter;
import io.vigil.notify.OutboxHook;
import io.vigil.notify.Silencer;
import io.vigil.runtime.AlertBook;
import io.vigil.runtime.AlertRepository;
import io.vigil.runtime.Engine;
import io.vigil.runtime.Evaluator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What notify and trigger clauses do in a replay, decided by the production outbox path: each
 * evaluation is stored with {@link AlertRepository} through the live {@link OutboxHook} (notification
 * and trigger writers, silences and maintenance windows), on a throwaway store, with the wall clock
 * at the evaluation time; a {@link DryDispatcher} seals the outbox into deliveries as a live dispatcher
 * would ({@code group_wait}, batching) and expires approvals nobody gives. Nothing is sent or run.
 */
public final class ReplayOutbox {

    /** A notification ({@code NOTIFY}) or an action run ({@code ACTION}). */
    public enum Type { NOTIFY, ACTION }

    /**
     * One alert of one delivery: a message to a channel or an action run, one entry per alert it tells of.
     *
     * @param kind    firing, repeat or resolved for notifications; run or approval (waits for a person) for actions
     * @param at      when it goes out (for a batched firing message, after the channel's group_wait)
     * @param skipped null when it goes out; else why not, as {@code vigil run} records it (suppressed, cooldown)
     */
    public record Delivery(Type type, String target, String model, String rule, SortedMap<String, String> labels,
                           String kind, Instant at, double value, String skipped) {
        public String ruleId() { return model + "/" + rule; }

        public boolean sent() { return skipped == null; }
    }

    private final AlertRepository repository;
    private final OutboxHook hook;
    private final DryDispatcher dispatcher;
    private final Deliveries table;
    private final MutableClock clock = new MutableClock(Instant.EPOCH);
    private final Map<String, Boolean> approval = new HashMap<>();
    private long seen;

    /**
     * @param dataSource a store of its own (alert state and outbox are written to it)
     * @param config     channels, actions, silences and approval expiry; null to take every channel and
     *                   action the rules name with default settings
     */
    public ReplayOutbox(DataSource dataSource, Config config, Collection<ResolvedRule> rules) {
        Map<String, Channel> channels = new TreeMap<>();
        Map<String, Action> actions = new TreeMap<>();
        if (config != null) {
            channels.putAll(config.channels());
            actions.putAll(config.actions());
        } else {
            for (ResolvedRule r : rules) {
                r.notifications().forEach(n -> channels.put(n.channel(),
                        new Channel.Email(n.channel(), List.of(), null, null, Channel.DEFAULT_GROUP_WAIT,
                                Config.Delivery.DEFAULT_MAX_AGE)));
                r.triggers().forEach(a -> actions.put(a.action(),
                        new Action.Command(a.action(), List.of(), Action.Command.DEFAULT_TIMEOUT)));
            }
        }
        for (ResolvedRule r : rules) {
            r.triggers().forEach(a -> approval.put(r.id() + "|" + a.action(), a.approvalRequired()));
        }
        this.repository = new AlertRepository(dataSource);
        this.hook = new OutboxHook(List.of(new NotificationWriter(channels), new TriggerWriter(actions)),
                new Silencer(config == null ? List.of() : List.copyOf(config.silences().values())), clock);
        Approvals approvals = new Approvals(dataSource);
        this.dispatcher = new DryDispatcher(dataSource, channels,
                config == null ? Config.Approvals.DEFAULT_EXPIRY : config.approvals().expireAfter(),
                List.of(now -> approvals.expire(now, false)));
        this.table = new Deliveries(dataSource);
    }

    /** Stores one evaluation as {@code vigil run} does; returns the deliveries made up to its time. */
    public List<Delivery> evaluated(Evaluator.GroupResult result, List<AlertBook.RuleFold> folds) {
        Instant t = result.t();
        dispatcher.until(t);
        List<AlertBook.RuleFold> told = new ArrayList<>();
        for (AlertBook.RuleFold f : folds) {
            ResolvedRule r = f.plan().rule();
            if ((!r.notifications().isEmpty() || !r.triggers().isEmpty()) && !f.fold().steps().isEmpty()) told.add(f);
        }
        // Rules without notify or trigger clauses have nothing to write: the replay keeps their state in memory.
        // Nor has an evaluation without alert instances: it would only update the rule's last-evaluation row, which
        // no delivery reads, and that row was half of a backtest's time (vigil diff, docs/benchmarks.md).
        if (!told.isEmpty()) {
            clock.set(t);
            String group = Engine.groupKey(result.group());
            repository.store(group, repository.lastEvaluation(group), "replay", result, told, hook);
        }
        return until(t);
    }

    /** The deliveries made up to {@code t} that were not returned before. */
    public List<Delivery> until(Instant t) {
        dispatcher.until(t);
        List<Delivery> out = new ArrayList<>();
        for (Deliveries.Row row : table.after(seen)) {
            seen = row.id();
            Type type = row.kind().equals("action") ? Type.ACTION : Type.NOTIFY;
            String kind = type == Type.NOTIFY ? row.event()
                    : approval.getOrDefault(row.model() + "/" + row.rule() + "|" + row.target(), false) ? "approval" : "run";
            boolean skipped = row.state().equals("suppressed") || row.state().equals("skipped");
            for (AlertEvent e : table.alerts(row.id())) {
                out.add(new Delivery(type, row.target(), row.model(), row.rule(), new TreeMap<>(e.labels()),
                        kind.toLowerCase(Locale.ROOT), row.createdAt(), e.value() == null ? Double.NaN : e.value(),
                        skipped ? row.result() : null));
            }
        }
        return out;
    }
}
