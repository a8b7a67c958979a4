package io.vigil.runtime;

import io.vigil.ast.DiagnosticPrinter;
import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.check.References;
import io.vigil.check.RuleSources;
import io.vigil.check.Schedule;
import io.vigil.compile.CompiledGroup;
import io.vigil.compile.CompiledRuleSet;
import io.vigil.compile.RuleCompiler;
import io.vigil.config.CatchUp;
import io.vigil.config.Config;
import io.vigil.schedule.EvaluationScheduler;
import io.vigil.schedule.EvaluationTimes;
import io.vigil.schedule.NodeName;
import io.vigil.store.Database;
import io.vigil.store.MetricStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running engine: the loaded rule set, scheduled evaluation of each (model, schedule) group, alert
 * state folded over evaluations and stored durably. Every evaluation goes through {@link #evaluate}, whether
 * Quartz fired it, catch-up replays it, or a test drives the clock.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final Database database;
    private final Evaluator evaluator;
    private final RuleCompiler compiler;
    private final AlertRepository repository;
    private final AlertBook book = new AlertBook();
    private final EngineMetrics metrics = new EngineMetrics();
    private final CatchUp catchUp;
    private final Clock clock;
    private final NodeName node = NodeName.current();
    private final AtomicReference<Loaded> loaded = new AtomicReference<>(new Loaded(List.of(), new CompiledRuleSet(List.of()),
            Map.of()));
    private volatile AlertRepository.TransitionHook hook = AlertRepository.TransitionHook.NONE;
    private EvaluationScheduler scheduler;

    /** A loaded rule set: its sources, compiled groups, and groups by key. */
    public record Loaded(List<Source> sources, CompiledRuleSet compiled, Map<String, CompiledGroup> groups) {}

    public Engine(Database database, MetricStore store, RuleCompiler compiler, CatchUp catchUp, Clock clock) {
        this(database, store, compiler, catchUp, clock, null);
    }

    /** @param config the models' kinds, positive classes and thresholds for the quality functions (may be null) */
    public Engine(Database database, MetricStore store, RuleCompiler compiler, CatchUp catchUp, Clock clock, Config config) {
        this.database = database;
        this.evaluator = new Evaluator(new StoreOperands(store, config));
        this.compiler = compiler;
        this.repository = new AlertRepository(database.dataSource());
        this.catchUp = catchUp;
        this.clock = clock;
    }

    /** The group key of a compiled group: model and schedule, stable across reloads. */
    public static String groupKey(CompiledGroup g) {
        return g.model() + "|" + g.schedule().key();
    }

    /**
     * Checks and compiles rule files and, when clean, swaps them in atomically. A rule set with errors is
     * refused, the running one keeps going, and the diagnostics are returned (and logged).
     */
    public CheckResult load(List<Path> paths, References references) throws RuleSources.LoadException {
        List<Source> sources = RuleSources.load(paths);
        CheckResult check = Checker.check(sources, references);
        if (check.hasErrors()) {
            LOG.error("rule set refused, {} error(s); the running rules keep going:\n{}", check.errorCount(),
                    DiagnosticPrinter.render(io.vigil.check.WarningSummary.of(check.diagnostics())));
            return check;
        }
        CompiledRuleSet compiled = compiler.compile(check.rules());
        Map<String, CompiledGroup> groups = new TreeMap<>();
        for (CompiledGroup g : compiled.groups()) groups.put(groupKey(g), g);
        Set<String> ruleIds = new HashSet<>();
        for (CompiledGroup g : compiled.groups()) g.rules().forEach(p -> ruleIds.add(p.id()));
        synchronized (this) {
            if (loaded.get().groups().isEmpty()) restoreState(compiled);
            book.retain(ruleIds);
            int retired = repository.retireRulesNotIn(ruleIds, clock.instant());
            if (retired > 0) LOG.info("{} alert(s) of rules no longer loaded made inactive", retired);
            loaded.set(new Loaded(sources, compiled, groups));
            if (scheduler != null) syncScheduler();
        }
        LOG.info("loaded {} rule(s) in {} group(s) from {} file(s)", ruleIds.size(), groups.size(), sources.size());
        return check;
    }

    private void restoreState(CompiledRuleSet compiled) {
        Map<String, Map<Map<String, String>, AlertState>> active = repository.activeStates();
        for (CompiledGroup g : compiled.groups()) {
            for (var plan : g.rules()) {
                Map<Map<String, String>, AlertState> a = active.get(plan.id());
                if (a != null) book.restore(plan.rule(), a);
            }
        }
    }

    /** Sets what is written beside each stored transition, in the same transaction (the outbox). */
    public void onTransition(AlertRepository.TransitionHook hook) {
        this.hook = hook;
    }

    /**
     * Evaluates one group at T, folds the result over the alert state, and stores it. The only way state
     * changes. Synchronized per engine so a catch-up and a Quartz fire of the same group never interleave;
     * across nodes the store refuses an evaluation when the group was evaluated since its state was read,
     * so a tick is stored once even when two nodes run it. Returns null when nothing was stored (the
     * group is no longer loaded, or T or a later tick is already evaluated).
     */
    public synchronized Evaluator.GroupResult evaluate(String groupKey, Instant t) {
        CompiledGroup group = loaded.get().groups().get(groupKey);
        if (group == null) return null; // removed by a reload after Quartz had already fired it
        long start = System.nanoTime();
        Instant previous = repository.lastEvaluation(groupKey);
        if (previous != null && !previous.isBefore(t)) return null;
        if (database.vendor() == Database.Vendor.POSTGRESQL) {
            // Clustered: another node may have evaluated this group last, so the stored state is the truth.
            Map<String, Map<Map<String, String>, AlertState>> active = repository.activeStates(group.model());
            for (var plan : group.rules()) book.restore(plan.rule(), active.getOrDefault(plan.id(), Map.of()));
        }
        Evaluator.GroupResult result = evaluator.evaluate(group, t);
        List<AlertBook.RuleFold> folds = book.fold(result);
        boolean stored;
        try {
            stored = repository.store(groupKey, previous, node.id(), result, folds, hook);
        } catch (RuntimeException e) {
            metrics.groupFailed();
            LOG.error("evaluation of {} at {} not stored, state unchanged: {}", groupKey, t, e.getMessage());
            throw e;
        }
        if (!stored) {
            LOG.info("evaluation of {} at {} dropped: another node evaluated the group meanwhile", groupKey, t);
            return null;
        }
        book.commit(folds);
        metrics.evaluated(result, (System.nanoTime() - start) / 1e9);
        long n = folds.stream().mapToLong(f -> f.fold().transitions().size()).sum();
        metrics.transitions(n);
        for (Evaluator.RuleResult r : result.rules()) {
            if (r.failed()) LOG.warn("rule {} failed at {}: {}", r.plan().id(), t, String.join("; ", r.errors()));
        }
        return result;
    }

    /**
     * What a Quartz fire of a group at T runs. A fire can be late: after a node dies, the node that takes
     * over its trigger fires the oldest tick it missed, at takeover. So the fire's own tick is the latest
     * one due by now (T when on time), and the ticks before it that no node evaluated are caught up first,
     * per {@code engine.catch_up}. Nothing runs when that tick was already evaluated, so the fires Quartz
     * still holds for the ticks just caught up, and a tick whose node stored it but died before Quartz
     * heard it had run, are not evaluated twice.
     */
    public synchronized void fire(String groupKey, Instant t) {
        CompiledGroup group = loaded.get().groups().get(groupKey);
        if (group == null) return;
        EvaluationTimes times = new EvaluationTimes(group.schedule());
        Instant now = clock.instant();
        Instant due = t;
        for (Instant next = times.nextAfter(due); !next.isAfter(now); next = times.nextAfter(next)) due = next;
        Instant last = repository.lastEvaluation(groupKey);
        if (last != null && !last.isBefore(due)) return;
        Instant before = due.minusMillis(1);
        List<Instant> missed = catchUp.missed(last, since -> times.between(since, before));
        if (!missed.isEmpty()) LOG.info("catching up {} evaluation(s) of {} missed before {}", missed.size(), groupKey, due);
        for (Instant m : missed) evaluate(groupKey, m);
        evaluate(groupKey, due);
    }

    /** Runs the evaluations missed since each group's last one, per the catch-up policy, in time order. */
    public void catchUp(Instant now) {
        for (Map.Entry<String, CompiledGroup> e : loaded.get().groups().entrySet()) {
            Instant last = repository.lastEvaluation(e.getKey());
            EvaluationTimes times = new EvaluationTimes(e.getValue().schedule());
            List<Instant> missed = catchUp.missed(last, since -> times.between(since, now));
            if (!missed.isEmpty()) LOG.info("catching up {} evaluation(s) of {}", missed.size(), e.getKey());
            for (Instant t : missed) evaluate(e.getKey(), t);
        }
    }

    /**
     * Runs every evaluation due in (last evaluation, now] for every group, in time order: how tests drive
     * the engine with their own clock, through the same path as live scheduling.
     */
    public void runDue(Instant now) {
        for (Map.Entry<String, CompiledGroup> e : loaded.get().groups().entrySet()) {
            EvaluationTimes times = new EvaluationTimes(e.getValue().schedule());
            Instant last = repository.lastEvaluation(e.getKey());
            if (last == null) {
                Instant t = times.latestAtOrBefore(now);
                if (t != null) evaluate(e.getKey(), t);
                continue;
            }
            for (Instant t : times.between(last, now)) evaluate(e.getKey(), t);
        }
    }

    /** Catches up, then hands every group to Quartz (JDBC job store on the same database). */
    public synchronized void startScheduler(int threads) throws org.quartz.SchedulerException {
        catchUp(clock.instant());
        scheduler = new EvaluationScheduler(database.dataSource(), database.vendor().id, node, threads, this::fire);
        syncScheduler();
        scheduler.start();
    }

    private void syncScheduler() {
        Map<String, Schedule> schedules = new TreeMap<>();
        loaded.get().groups().forEach((k, g) -> schedules.put(k, g.schedule()));
        try {
            scheduler.sync(schedules);
        } catch (org.quartz.SchedulerException e) {
            throw new IllegalStateException("cannot schedule rule groups: " + e.getMessage(), e);
        }
    }

    public Loaded loaded() { return loaded.get(); }

    public AlertRepository repository() { return repository; }

    public EngineMetrics metrics() { return metrics; }

    /** This process's name in the evaluation log and the Quartz cluster. */
    public NodeName node() { return node; }

    public Evaluator evaluator() { return evaluator; }

    /** Stops scheduling; with {@code graceful}, in-flight evaluations finish first. */
    public void stop(boolean graceful) {
        if (scheduler == null) return;
        try {
            scheduler.stop(graceful);
        } catch (org.quartz.SchedulerException e) {
            LOG.warn("scheduler did not stop cleanly: {}", e.getMessage());
        }
        scheduler = null;
    }

    @Override
    public void close() {
        stop(true);
    }
}
