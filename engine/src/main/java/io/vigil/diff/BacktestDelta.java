package io.vigil.diff;

import io.vigil.check.ResolvedRule;
import io.vigil.compile.RuleCompiler;
import io.vigil.config.Config;
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
    private final MetricStore store;
    private final Config config;

    /** @param config channels, actions and silences, as for {@link io.vigil.testing.Backtest}; null for defaults */
    public BacktestDelta(RuleCompiler compiler, MetricStore store, Config config) {
        this.compiler = compiler;
        this.store = store;
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
        long[] totals = new long[2];
        Map<String, BacktestResult.RuleHistory> old = run(before, from, to, (done, total) -> {
            totals[0] = total;
            progress.update(done, total * 2);
        });
        Map<String, BacktestResult.RuleHistory> neu = run(after, from, to,
                (done, total) -> progress.update(totals[0] + done, totals[0] + total));
        List<RuleDelta> out = new ArrayList<>();
        long evaluations = 0;
        for (RuleChange c : changes) {
            BacktestResult.RuleHistory a = c.before() == null ? null : old.get(c.before().id());
            BacktestResult.RuleHistory b = c.after() == null ? null : neu.get(c.after().id());
            if (a != null) evaluations += a.evaluations();
            if (b != null) evaluations += b.evaluations();
            out.add(delta(c, a, b));
        }
        return new Result(from, to, out, evaluations, Duration.ofNanos(System.nanoTime() - started));
    }

    private Map<String, BacktestResult.RuleHistory> run(List<ResolvedRule> rules, Instant from, Instant to,
                                                        Backtest.Progress progress) {
        Map<String, BacktestResult.RuleHistory> byId = new HashMap<>();
        if (rules.isEmpty()) return byId;
        BacktestResult result = new Backtest(compiler, store, config).run(compiler.compile(rules), from, to, false, progress);
        for (BacktestResult.RuleHistory h : result.rules()) byId.put(h.rule().id(), h);
        return byId;
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
