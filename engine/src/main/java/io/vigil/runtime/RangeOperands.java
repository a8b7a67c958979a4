package io.vigil.runtime;

import io.vigil.plan.Operand;
import io.vigil.store.MetricStore;
import io.vigil.store.SeriesEntries;
import io.vigil.store.StoreException;
import io.vigil.store.WindowQuery;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Operands at many times of one range (a query_range, a chart): a bare selector or window function
 * reads its series' entries for the whole range once and is evaluated at each time in memory
 * ({@link SeriesEntries#evaluate}), instead of one SQL statement per time; every other operand, and
 * any time outside the range, is computed by the per-time source. A 7-day range at 5-minute steps
 * is 2,017 statements per operand without this. The range is read in chunks of a day (or of the
 * lookback, when longer) as the times advance, keeping one chunk per query, so a year-long backtest
 * holds about two days of entries per selector, not the year.
 */
public final class RangeOperands implements OperandSource {
    private static final long CHUNK_MILLIS = java.time.Duration.ofDays(1).toMillis();

    private record Key(io.vigil.store.Selector selector, long lookback) {}

    /** The entries read for evaluation times in [first, last]. */
    private record Chunk(long first, long last, List<SeriesEntries> entries) {
        boolean covers(long t) { return t >= first && t <= last; }
    }

    private final MetricStore store;
    private final OperandSource perTime;
    private final Instant from;
    private final Instant to;
    private final Map<Key, Chunk> read = new HashMap<>();

    /** @param perTime the source of every operand this one does not read by range (usually {@link StoreOperands}) */
    public RangeOperands(MetricStore store, OperandSource perTime, Instant from, Instant to) {
        this.store = store;
        this.perTime = perTime;
        this.from = from;
        this.to = to;
    }

    @Override
    public List<OperandValue> compute(String model, Operand operand, Instant t) throws OperandException {
        boolean windowed = operand instanceof Operand.Latest || operand instanceof Operand.Window;
        if (!windowed || t.isBefore(from) || t.isAfter(to)) return perTime.compute(model, operand, t);
        WindowQuery q = StoreOperands.windowQuery(operand, t);
        Key key = new Key(q.selector(), SeriesEntries.lookbackMillis(q));
        long at = t.toEpochMilli();
        Chunk chunk = read.get(key);
        if (chunk == null || !chunk.covers(at)) {
            long last = Math.min(to.toEpochMilli(), at + Math.max(CHUNK_MILLIS, key.lookback()));
            // (t − lookback − 1 ms, last]: a latest sample may lie exactly at T − staleness, which is inside.
            try {
                chunk = new Chunk(at, last, store.entries(q.selector(), Instant.ofEpochMilli(at - key.lookback() - 1),
                        Instant.ofEpochMilli(last)));
            } catch (StoreException e) {
                throw new OperandException("store: " + e.getMessage());
            }
            read.put(key, chunk);
        }
        return StoreOperands.values(SeriesEntries.evaluate(chunk.entries(), q));
    }
}
