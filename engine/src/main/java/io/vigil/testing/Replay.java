package io.vigil.testing;

import io.vigil.compile.CompiledGroup;
import io.vigil.runtime.AlertBook;
import io.vigil.runtime.Evaluator;
import io.vigil.schedule.EvaluationTimes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Steps compiled groups over their own scheduled times, all groups in one time order, folding every
 * evaluation into a fresh {@link AlertBook}: what rule tests and backtests share. Evaluation goes through
 * {@link Evaluator} like live runs; nothing is stored and nothing is sent.
 */
public final class Replay {

    /** Told of every evaluation, in time order (groups in their compiled order at equal times). */
    @FunctionalInterface
    public interface Listener {
        void evaluated(Evaluator.GroupResult result, List<AlertBook.RuleFold> folds);
    }

    private record Next(Instant t, int group) {}

    private final Evaluator evaluator;
    private final List<CompiledGroup> groups;
    private final List<EvaluationTimes> times = new ArrayList<>();
    private final AlertBook book = new AlertBook();
    private final PriorityQueue<Next> queue = new PriorityQueue<>(
            Comparator.comparing(Next::t).thenComparingInt(Next::group));
    private final Listener listener;

    /** A replay whose first evaluations are each group's first scheduled time at or after {@code from}. */
    public Replay(Evaluator evaluator, List<CompiledGroup> groups, Instant from, Listener listener) {
        this.evaluator = evaluator;
        this.groups = List.copyOf(groups);
        this.listener = listener;
        for (int i = 0; i < this.groups.size(); i++) {
            EvaluationTimes et = new EvaluationTimes(this.groups.get(i).schedule());
            times.add(et);
            queue.add(new Next(et.nextAfter(from.minusMillis(1)), i));
        }
    }

    /** How many evaluations {@link #advance} will run up to {@code to}, from here; for progress reports. */
    public long pending(Instant to) {
        long n = 0;
        for (Next next : queue) {
            if (!next.t().isAfter(to)) n += 1 + times.get(next.group()).between(next.t(), to).size();
        }
        return n;
    }

    /** Runs every evaluation scheduled at or before {@code to} that has not run yet; returns how many ran. */
    public int advance(Instant to) {
        int ran = 0;
        while (!queue.isEmpty() && !queue.peek().t().isAfter(to)) {
            Next next = queue.poll();
            Evaluator.GroupResult result = evaluator.evaluate(groups.get(next.group()), next.t());
            listener.evaluated(result, book.apply(result));
            queue.add(new Next(times.get(next.group()).nextAfter(next.t()), next.group()));
            ran++;
        }
        return ran;
    }

    /** The alert state after the evaluations run so far. */
    public AlertBook book() { return book; }
}
