package io.vigil.diff;

import io.vigil.check.ResolvedRule;
import io.vigil.compile.RuleCompiler;
import io.vigil.config.Config;
import io.vigil.runtime.OperandSource;
import io.vigil.runtime.StoreOperands;
import io.vigil.store.MetricStore;
import io.vigil.testing.Backtest;
import io.vigil.testing.BacktestResult;
import io.vigil.testing.RuleSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Backtests the old and the new version of every rule whose behaviour changed over the same range of
 * stored history, with {@link Backtest} (the engine's own evaluation, from empty alert state at
 * {@code from}), and pairs up their firing episodes.
 */
public final class BacktestDelta {

    /** The deltas of the changed rules, in the order of the changes, and the range and cost of the backtests. */
    public record Result(Instant from, Instant to, List<RuleDelta> rules, long evaluations, Duration elapsed) {
        public Result {
            rules = List.copyOf(rules);
        }
    }

    private final RuleCompiler compiler;
    private final OperandSource operands;
    private final Config config;

    /** @param config channels, actions and silences, as for {@link io.vigil.testing.Backtest}; null for defaults */
    public BacktestDelta(RuleCompiler compiler, MetricStore store, Config config) {
        this(compiler, new StoreOperands(store, config), config);
    }

    /**
     * @param operands the stored history; each version's backtest asks it for its own
     *                 {@link OperandSource#forRange}, and what both versions read at a time is computed once
     */
    public BacktestDelta(RuleCompiler compiler, OperandSource operands, Config config) {
        this.compiler = compiler;
        this.operands = operands;
        this.config = config;
    }

    public Result run(SemanticDiff.Result diff, Instant from, Instant to, Backtest.Progress progress) {
        long started = System.nanoTime();
        List<ResolvedRule> before = new ArrayList<>();
        List<ResolvedRule> after = new ArrayList<>();
        List<RuleChange> changes = diff.changes().stream().filter(RuleChange::behaves).toList();
        for (RuleChange c : changes) {
            if (c.before() != null) before.add(c.before());
            if (c.after() != null) after.add(c.after());
        }
        // The two versions replay independently: the old one on a second thread, so two cores halve the wait.
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        Run old = new Run(before, from, to);
        Run neu = new Run(after, from, to);
        SharedOperands shared = new SharedOperands(old.compiled, neu.compiled);
        old.source = shared.side(operands.forRange(from, to));
        neu.source = shared.side(operands.forRange(from, to));
        Object lock = new Object();
        Backtest.Progress counted = (d, t) -> {
            synchronized (lock) { // both threads report; the caller's progress line is not thread-safe
                progress.update(done.get(), old.total + neu.total);
            }
        };
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "backtest-before");
            t.setDaemon(true);
            return t;
        });
        Map<String, BacktestResult.RuleHistory> a;
        Map<String, BacktestResult.RuleHistory> b;
        try {
            java.util.concurrent.Future<Map<String, BacktestResult.RuleHistory>> first =
                    pool.submit(() -> old.histories(done, counted));
            b = neu.histories(done, counted);
            a = first.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<RuleDelta> out = new ArrayList<>();
        long evaluations = 0;
        for (RuleChange c : changes) {
            BacktestResult.RuleHistory x = c.before() == null ? null : a.get(c.before().id());
            BacktestResult.RuleHistory y = c.after() == null ? null : b.get(c.after().id());
            if (x != null) evaluations += x.evaluations();
            if (y != null) evaluations += y.evaluations();
            out.add(delta(c, x, y));
        }
        return new Result(from, to, out, evaluations, Duration.ofNanos(System.nanoTime() - started));
    }

    /** One version's backtest: compiled up front (on the caller's thread), replayed by {@link #histories}. */
    private final class Run {
        private final io.vigil.compile.CompiledRuleSet compiled;
        private final Instant from;
        private final Instant to;
        private volatile long total;
        private OperandSource source;

        Run(List<ResolvedRule> rules, Instant from, Instant to) {
            this.compiled = rules.isEmpty() ? null : compiler.compile(rules);
            this.from = from;
            this.to = to;
        }

        Map<String, BacktestResult.RuleHistory> histories(java.util.concurrent.atomic.AtomicLong done, Backtest.Progress progress) {
            Map<String, BacktestResult.RuleHistory> byId = new HashMap<>();
            if (compiled == null) return byId;
            long[] last = {0};
            BacktestResult result = new Backtest(compiler, source, config).run(compiled, from, to, false, (d, t) -> {
                total = t;
                done.addAndGet(d - last[0]);
                last[0] = d;
                progress.update(d, t);
            });
            for (BacktestResult.RuleHistory h : result.rules()) byId.put(h.rule().id(), h);
            return byId;
        }
    }

    /** Pairs the episodes of the two versions: identical ones, then overlapping ones of the same instance. */
    static RuleDelta delta(RuleChange change, BacktestResult.RuleHistory before, BacktestResult.RuleHistory after) {
        List<Episode> a = episodes(before);
        List<Episode> b = episodes(after);
        List<Episode> onlyA = new ArrayList<>(a);
        List<Episode> onlyB = new ArrayList<>();
        int same = 0;
        for (Episode e : b) {
            if (onlyA.remove(e)) same++;
            else onlyB.add(e);
        }
        List<RuleDelta.Moved> moved = new ArrayList<>();
        for (var it = onlyB.iterator(); it.hasNext(); ) {
            Episode e = it.next();
            Episode match = onlyA.stream().filter(e::overlaps).findFirst().orElse(null);
            if (match != null) {
                onlyA.remove(match);
                it.remove();
                moved.add(new RuleDelta.Moved(match, e));
            }
        }
        return new RuleDelta(change, before == null ? null : RuleSummary.of(before), after == null ? null : RuleSummary.of(after),
                onlyA, onlyB, moved, same, failure(before), failure(after));
    }

    private static List<Episode> episodes(BacktestResult.RuleHistory h) {
        if (h == null) return List.of();
        return h.firing().stream().map(Episode::of)
                .sorted(Comparator.comparing(Episode::start).thenComparing(e -> e.labels().toString())).toList();
    }

    private static String failure(BacktestResult.RuleHistory h) {
        if (h == null || h.failures() == 0) return null;
        return h.failures() + " of " + h.evaluations() + " evaluations failed: " + h.lastFailure();
    }
}
