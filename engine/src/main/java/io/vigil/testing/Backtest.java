package io.vigil.testing;

import io.vigil.check.ResolvedRule;
import io.vigil.compile.CompileException;
import io.vigil.compile.CompiledGroup;
import io.vigil.compile.CompiledRuleSet;
import io.vigil.compile.RuleCompiler;
import io.vigil.config.Config;
import io.vigil.runtime.AlertBook;
import io.vigil.runtime.AlertTracker;
import io.vigil.runtime.Engine;
import io.vigil.runtime.Evaluator;
import io.vigil.runtime.OperandSource;
import io.vigil.runtime.StoreOperands;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.MetricStore;
import io.vigil.store.StoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replays rules over stored history: every scheduled evaluation in [from, to] per group, from empty
 * alert state, through the live evaluation path, recording each transition, what notify and trigger
 * would have done (the production outbox path on a throwaway in-memory store, {@link ReplayOutbox}),
 * and each rule's chart series ({@link ChartProbes}). Reads the metric store only: no alert state is
 * written to it and nothing is sent or run.
 */
public final class Backtest {

    /** Told how many evaluations are done out of how many, for a progress bar. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    private static final AtomicInteger OUTBOXES = new AtomicInteger();

    private final RuleCompiler compiler;
    private final OperandSource operands;
    private final Config config;

    /** @param config channels, actions, silences and approval expiry; null for the rules' names with defaults */
    public Backtest(RuleCompiler compiler, MetricStore store, Config config) {
        this(compiler, new StoreOperands(store, config), config);
    }

    /** @param operands the stored history, asked for its {@link OperandSource#forRange} of each run */
    public Backtest(RuleCompiler compiler, OperandSource operands, Config config) {
        this.compiler = compiler;
        this.operands = operands;
        this.config = config;
    }

    /** @param charts also compute the chart series (the HTML report needs them; the timeline does not) */
    public BacktestResult run(CompiledRuleSet compiled, Instant from, Instant to, boolean charts, Progress progress) {
        long started = System.nanoTime();
        Evaluator evaluator = new Evaluator(new ReusedOperands(operands.forRange(from, to)));
        Map<String, Track> tracks = new LinkedHashMap<>();
        List<ResolvedRule> rules = new ArrayList<>();
        for (CompiledGroup g : compiled.groups()) {
            for (var plan : g.rules()) {
                rules.add(plan.rule());
                tracks.put(plan.id(), new Track(ChartProbes.plan(plan.rule()), ChartProbes.coverage(plan.rule())));
            }
        }
        Probes probes = charts ? probes(tracks) : Probes.NONE;
        if (rules.stream().allMatch(r -> r.notifications().isEmpty() && r.triggers().isEmpty())) {
            return run(compiled, from, to, evaluator, tracks, rules, probes, null, progress, started);
        }
        StoreSettings mem = StoreSettings.of("jdbc:h2:mem:vigil-backtest-" + OUTBOXES.incrementAndGet()).withPoolSize(2);
        try (JdbcMetricStore scratch = JdbcMetricStore.open(mem)) {
            return run(compiled, from, to, evaluator, tracks, rules, probes,
                    new ReplayOutbox(scratch.database().dataSource(), config, rules), progress, started);
        }
    }

    /** @param outbox null when no rule notifies or triggers (no outbox store is opened then) */

    private BacktestResult run(CompiledRuleSet compiled, Instant from, Instant to, Evaluator evaluator,
                               Map<String, Track> tracks, List<ResolvedRule> rules, Probes probes, ReplayOutbox outbox,
                               Progress progress, long started) {
        long[] done = {0};
        long[] total = {0};
        Replay replay = new Replay(evaluator, compiled.groups(), from, (result, folds) -> {
            for (AlertBook.RuleFold f : folds) record(tracks.get(f.ruleId()), f, result.t());
            if (outbox != null) {
                for (ReplayOutbox.Delivery d : outbox.evaluated(result, folds)) tracks.get(d.ruleId()).deliveries().add(d);
            }
            CompiledGroup probe = probes.byGroup().get(Engine.groupKey(result.group()));
            if (probe != null) {
                for (Evaluator.RuleResult r : evaluator.evaluate(probe, result.t()).rules()) {
                    ChartProbes.Probe p = probes.byId().get(r.plan().id());
                    Track track = tracks.get(p.of().id());
                    if (probes.coverage().contains(r.plan().id())) track.plotCoverage(p.prefix(), result.t(), r.instances());
                    else track.plot(p.prefix(), result.t(), r.instances());
                }
            }
            progress.update(++done[0], total[0]);
        });
        total[0] = replay.pending(to);
        progress.update(0, total[0]);
        replay.advance(to);
        if (outbox != null) {
            for (ReplayOutbox.Delivery d : outbox.until(to)) tracks.get(d.ruleId()).deliveries().add(d);
        }
        for (ResolvedRule r : rules) tracks.get(r.id()).finish(replay.book().tracker(r).active(), to);
        return new BacktestResult(from, to, tracks.values().stream().map(Track::freeze).toList(), done[0],
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static void record(Track track, AlertBook.RuleFold f, Instant t) {
        track.evaluated(f.result().failed() ? String.join("; ", f.result().errors()) : null);
        for (AlertTracker.InstanceStep s : f.fold().transitions()) {
            track.transition(new BacktestResult.Event(new TreeMap<>(s.labels()), s.step().transition().orElseThrow()));
        }
    }

    /** The probe groups by their group key, each probe rule by its id, and the ids of the label coverage probes. */
    private record Probes(Map<String, CompiledGroup> byGroup, Map<String, ChartProbes.Probe> byId,
                          java.util.Set<String> coverage) {
        static final Probes NONE = new Probes(Map.of(), Map.of(), java.util.Set.of());
    }

    private Probes probes(Map<String, Track> tracks) {
        Map<String, ChartProbes.Probe> byId = new HashMap<>();
        java.util.Set<String> coverage = new java.util.HashSet<>();
        List<ResolvedRule> rules = new ArrayList<>();
        for (Track t : tracks.values()) {
            for (ChartProbes.Probe p : t.chart().probes()) {
                byId.put(p.rule().id(), p);
                rules.add(p.rule());
            }
            for (ChartProbes.Probe p : t.coverageProbes()) {
                byId.put(p.rule().id(), p);
                coverage.add(p.rule().id());
                rules.add(p.rule());
            }
        }
        if (rules.isEmpty()) return Probes.NONE;
        CompiledRuleSet compiled;
        try {
            compiled = compiler.compile(rules);
        } catch (CompileException | IllegalStateException e) {
            // Charts are an aid: a probe that does not compile leaves its rule without a chart line.
            return Probes.NONE;
        }
        Map<String, CompiledGroup> byGroup = new HashMap<>();
        for (CompiledGroup g : compiled.groups()) byGroup.put(Engine.groupKey(g), g);
        return new Probes(byGroup, byId, coverage);
    }
}
