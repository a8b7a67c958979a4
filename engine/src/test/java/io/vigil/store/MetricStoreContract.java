package io.vigil.store;

import static io.vigil.store.WindowFunction.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.label.LabelMatcher;
import io.vigil.stats.FeatureSample;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's behaviour, run unchanged against every back end (one subclass each). Expected values
 * are worked out by hand (or with NumPy where noted) from the samples each test writes.
 */
abstract class MetricStoreContract {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final Duration STALE = Duration.ofMinutes(5);

    JdbcMetricStore store;

    /** Settings of a new, empty database. */
    abstract StoreSettings freshDatabase();

    @BeforeEach
    void open() {
        store = JdbcMetricStore.open(freshDatabase().withRetention(Duration.ofDays(90)).withPoolSize(4));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static SeriesKey acc(String... labels) { return new SeriesKey("churn", "accuracy", Labels.of(labels)); }

    static Instant at(int minutes) { return T0.plus(Duration.ofMinutes(minutes)); }

    static MetricSample sample(SeriesKey key, int minute, double value) { return MetricSample.of(key, at(minute), value); }

    /** accuracy{segment=EU}: 1, 2, 3, 4, 10 at minutes 0, 5, 10, 15, 20. */
    void writeEu() {
        SeriesKey eu = acc("segment", "EU");
        store.write(Batch.ofSamples(List.of(sample(eu, 0, 1), sample(eu, 5, 2), sample(eu, 10, 3),
                sample(eu, 15, 4), sample(eu, 20, 10))));
    }

    List<SeriesValue> query(WindowFunction f, int atMinute, Duration window, LabelMatcher... matchers) {
        return store.query(WindowQuery.of(f, Selector.of("churn", "accuracy", matchers), at(atMinute), window, STALE));
    }

    double only(List<SeriesValue> result) {
        assertThat(result).hasSize(1);
        return result.get(0).value();
    }

    long count(String table) {
        try (Connection c = store.database().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aggregatesOverAHalfOpenWindow() {
        writeEu();
        Duration tenMin = Duration.ofMinutes(10);
        // (T-10m, T] at T = minute 20 holds minutes 15 and 20 (values 4 and 10); minute 10 is excluded.
        assertThat(only(query(AVG, 20, tenMin))).isEqualTo(7.0);
        assertThat(only(query(SUM, 20, tenMin))).isEqualTo(14.0);
        assertThat(only(query(COUNT, 20, tenMin))).isEqualTo(2.0);
        assertThat(only(query(MIN, 20, tenMin))).isEqualTo(4.0);
        assertThat(only(query(MAX, 20, tenMin))).isEqualTo(10.0);
        // (T-20m, T] holds 2, 3, 4, 10: population stddev (NumPy np.std) 3.112474899497183.
        assertThat(only(query(STDDEV, 20, Duration.ofMinutes(20)))).isCloseTo(3.112474899497183, within(1e-12));
        // An empty window yields no element.
        assertThat(query(AVG, 40, Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void quantileInterpolatesLinearly() {
        writeEu();
        Selector s = Selector.of("churn", "accuracy");
        Duration w = Duration.ofMinutes(20);
        // 2, 3, 4, 10: the median lies halfway between 3 and 4; q=0.9 at rank 2.7 → 4 + 0.7 * 6.
        assertThat(only(store.query(WindowQuery.quantile(0.5, s, at(20), w, STALE)))).isEqualTo(3.5);
        assertThat(only(store.query(WindowQuery.quantile(0.9, s, at(20), w, STALE)))).isCloseTo(8.2, within(1e-12));
        assertThat(only(store.query(WindowQuery.quantile(0, s, at(20), w, STALE)))).isEqualTo(2.0);
        assertThat(only(store.query(WindowQuery.quantile(1, s, at(20), w, STALE)))).isEqualTo(10.0);
        assertThat(only(store.query(WindowQuery.quantile(1.5, s, at(20), w, STALE)))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(only(store.query(WindowQuery.quantile(-1, s, at(20), w, STALE)))).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void latestSampleObeysTheStalenessLimitInclusively() {
        writeEu();
        Selector s = Selector.of("churn", "accuracy");
        assertThat(only(store.query(WindowQuery.last(s, at(20), STALE)))).isEqualTo(10.0);
        assertThat(only(store.query(WindowQuery.last(s, at(22), STALE)))).isEqualTo(10.0);
        // Age exactly equal to the limit still counts; one millisecond more does not.
        assertThat(only(store.query(WindowQuery.last(s, at(25), STALE)))).isEqualTo(10.0);
        assertThat(store.query(WindowQuery.last(s, at(25).plusMillis(1), STALE))).isEmpty();
        // Before the first sample there is nothing.
        assertThat(store.query(WindowQuery.last(s, T0.minusMillis(1), STALE))).isEmpty();
        // A sample after T is never seen.
        assertThat(only(store.query(WindowQuery.last(s, at(19), STALE)))).isEqualTo(4.0);
    }

    @Test
    void staleMarkerEndsTheSeriesUntilItsNextSample() {
        writeEu();
        SeriesKey eu = acc("segment", "EU");
        store.write(Batch.ofSamples(List.of(MetricSample.staleMarker(eu, at(21)), sample(eu, 23, 5))));
        Selector s = Selector.of("churn", "accuracy");
        assertThat(only(store.query(WindowQuery.last(s, at(20), STALE)))).isEqualTo(10.0);
        assertThat(store.query(WindowQuery.last(s, at(21), STALE))).as("at the marker").isEmpty();
        assertThat(store.query(WindowQuery.last(s, at(22), STALE))).as("after the marker").isEmpty();
        assertThat(only(store.query(WindowQuery.last(s, at(23), STALE)))).as("next sample").isEqualTo(5.0);
        // Markers are not values: (T-5m, T] at minute 23 holds 10 and 5 (and the marker).
        assertThat(only(query(COUNT, 23, Duration.ofMinutes(5)))).isEqualTo(2.0);
        assertThat(only(query(AVG, 23, Duration.ofMinutes(5)))).isEqualTo(7.5);
        // A window holding only the marker is empty, and absent.
        assertThat(query(AVG, 22, Duration.ofMinutes(1))).isEmpty();
        assertThat(query(ABSENT, 22, Duration.ofMinutes(1))).hasSize(1);
    }

    @Test
    void deltaChangeAndZscore() {
        writeEu();
        Duration tenMin = Duration.ofMinutes(10);
        // last (10 at minute 20) − latest at or before minute 10 (3).
        assertThat(only(query(DELTA, 20, tenMin))).isEqualTo(7.0);
        // The earlier sample must obey staleness from T − d: at minute 31, T − d = 21 and the latest is
        // at 20 (age 1m, fine), but the end sample must lie in the window (21, 31]: none → no element.
        assertThat(query(DELTA, 31, tenMin)).isEmpty();
        // avg over (10, 20] = 7, over (0, 10] = 2.5 → (7 − 2.5) / 2.5.
        assertThat(only(query(CHANGE, 20, tenMin))).isCloseTo(1.8, within(1e-12));
        // (10 − 4.75) / 3.112474899497183 (NumPy).
        assertThat(only(query(ZSCORE, 20, Duration.ofMinutes(20)))).isCloseTo(1.6867605906952476, within(1e-12));
        // change needs both windows: at minute 10 the earlier one (−10, 0] holds only minute 0.
        assertThat(only(query(CHANGE, 10, Duration.ofMinutes(5)))).isCloseTo((3 - 2) / 2.0, within(1e-12));
        assertThat(query(CHANGE, 5, Duration.ofMinutes(5))).as("(−5, 0] holds minute 0").hasSize(1);
        assertThat(query(CHANGE, 4, Duration.ofMinutes(5))).as("(−6, −1] is empty").isEmpty();
    }

    @Test
    void deltaStartSampleObeysStalenessFromTheWindowStart() {
        SeriesKey eu = acc("segment", "EU");
        store.write(Batch.ofSamples(List.of(sample(eu, 0, 1), sample(eu, 30, 4))));
        // T = 30, d = 20: the latest at or before minute 10 is minute 0, 10 minutes old > 5m limit.
        assertThat(query(DELTA, 30, Duration.ofMinutes(20))).isEmpty();
        // T = 30, d = 25: at minute 5 the sample at 0 is exactly 5 minutes old: it counts.
        assertThat(only(query(DELTA, 30, Duration.ofMinutes(25)))).isEqualTo(3.0);
    }

    @Test
    void absentYieldsOneElementLabelledByEqualityMatchers() {
        writeEu();
        LabelMatcher eu = LabelMatcher.eq("segment", "EU");
        LabelMatcher notTest = LabelMatcher.ne("region", "test");
        assertThat(query(ABSENT, 20, Duration.ofMinutes(5), eu, notTest)).isEmpty();
        List<SeriesValue> absent = query(ABSENT, 30, Duration.ofMinutes(5), eu, notTest);
        assertThat(absent).containsExactly(new SeriesValue(Labels.of("segment", "EU"), 1.0));
        // (25, 30] is empty; (20, 25]... the sample at 20 is not in (20, 25] either.
        assertThat(query(ABSENT, 25, Duration.ofMinutes(5), eu)).hasSize(1);
        assertThat(query(ABSENT, 25, Duration.ofMinutes(6), eu)).isEmpty();
        // A metric that was never ingested is absent too.
        assertThat(store.query(WindowQuery.of(ABSENT, Selector.of("churn", "nothing"), at(20), STALE, STALE)))
                .containsExactly(new SeriesValue(Labels.EMPTY, 1.0));
    }

    @Test
    void regexMatchersAreFullyAnchored() {
        List<MetricSample> samples = new ArrayList<>();
        for (String seg : List.of("EU", "US", "APAC")) samples.add(sample(acc("segment", seg), 0, seg.length()));
        samples.add(sample(acc("segment", "EU", "region", "test"), 0, 9));
        store.write(Batch.ofSamples(samples));
        Duration w = Duration.ofMinutes(1);
        assertThat(segments(query(LAST, 0, w, LabelMatcher.re("segment", "E.")))).containsExactly("EU", "EU");
        assertThat(query(LAST, 0, w, LabelMatcher.re("segment", "U"))).as("US does not fully match U").isEmpty();
        assertThat(segments(query(LAST, 0, w, LabelMatcher.nre("segment", "EU|US")))).containsExactly("APAC");
        // A missing label matches as the empty string.
        assertThat(query(LAST, 0, w, LabelMatcher.ne("region", "test"))).hasSize(3);
        assertThat(query(LAST, 0, w, LabelMatcher.eq("region", ""))).hasSize(3);
        assertThat(query(LAST, 0, w, LabelMatcher.re("region", ".+"))).hasSize(1);
        List<SeriesValue> eu = query(LAST, 0, w, LabelMatcher.eq("segment", "EU"), LabelMatcher.eq("region", "test"));
        assertThat(eu).containsExactly(new SeriesValue(Labels.of("region", "test", "segment", "EU"), 9));
    }

    private static List<String> segments(List<SeriesValue> values) {
        return values.stream().map(v -> v.labels().get("segment")).toList();
    }

    @Test
    void selectorsSeeTheirOwnModelUnlessTheyMatchOnModel() {
        store.write(Batch.ofSamples(List.of(sample(acc(), 0, 1),
                MetricSample.of(new SeriesKey("fraud", "accuracy", Labels.EMPTY), at(0), 2))));
        Selector own = Selector.of("churn", "accuracy");
        assertThat(store.query(WindowQuery.last(own, at(0), STALE)))
                .containsExactly(new SeriesValue(Labels.EMPTY, 1));
        Selector both = Selector.of("churn", "accuracy", LabelMatcher.re("model", "churn|fraud"));
        assertThat(store.query(WindowQuery.last(both, at(0), STALE))).containsExactly(
                new SeriesValue(Labels.of("model", "churn"), 1), new SeriesValue(Labels.of("model", "fraud"), 2));
        Selector other = Selector.of("churn", "accuracy", LabelMatcher.eq("model", "fraud"));
        assertThat(store.query(WindowQuery.last(other, at(0), STALE)))
                .containsExactly(new SeriesValue(Labels.of("model", "fraud"), 2));
    }

    @Test
    void redeliveryReplacesInsteadOfDuplicating() {
        writeEu();
        writeEu();
        assertThat(count("series")).isEqualTo(1);
        assertThat(count("samples")).isEqualTo(5);
        SeriesKey eu = acc("segment", "EU");
        store.write(Batch.ofSamples(List.of(sample(eu, 20, 11), sample(eu, 20, 12))));
        assertThat(count("samples")).isEqualTo(5);
        assertThat(only(query(LAST, 20, null))).as("the later of two in one batch wins").isEqualTo(12);
        // A stale marker re-delivered as a value (and back) replaces too.
        store.write(Batch.ofSamples(List.of(MetricSample.staleMarker(eu, at(20)))));
        assertThat(query(LAST, 20, null)).isEmpty();
        assertThat(count("samples")).isEqualTo(5);
    }

    @Test
    void aBatchMixingNewAndRedeliveredSamplesStoresBoth() {
        writeEu();
        SeriesKey eu = acc("segment", "EU");
        SeriesKey us = acc("segment", "US");
        try (MetricStore.Writer w = store.writer()) {
            w.write(Batch.ofSamples(List.of(sample(us, 0, 7))));
            // minute 20 of EU is stored, minute 25 is new; US minute 0 was written earlier in this transaction.
            w.write(Batch.ofSamples(List.of(sample(eu, 20, 11), sample(eu, 25, 5), sample(us, 0, 8))));
            w.commit();
        }
        assertThat(count("samples")).isEqualTo(7);
        assertThat(only(query(LAST, 20, null, LabelMatcher.eq("segment", "EU")))).isEqualTo(11);
        assertThat(only(query(LAST, 25, null, LabelMatcher.eq("segment", "EU")))).isEqualTo(5);
        assertThat(only(query(LAST, 0, null, LabelMatcher.eq("segment", "US")))).isEqualTo(8);
    }

    @Test
    void concurrentBatchesCreatingTheSameNewSeriesAllSucceed() throws Exception {
        // Several clients pushing snapshots of the same new model at once: each batch creates the same
        // 500 series inside its own transaction, so they collide on the series' unique key. On H2 the
        // losers failed with "Concurrent update in table SERIES" (an HTTP 500) before writes were retried.
        int clients = 8;
        int seriesPerBatch = 500;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int minute = client * 5;
                done.add(pool.submit(() -> {
                    List<MetricSample> samples = new java.util.ArrayList<>();
                    for (int i = 0; i < seriesPerBatch; i++) samples.add(sample(acc("segment", "s" + i), minute, i));
                    start.await();
                    store.write(Batch.ofSamples(samples));
                    return null;
                }));
            }
            start.countDown();
            for (var f : done) f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("series")).isEqualTo(seriesPerBatch);
        assertThat(count("samples")).isEqualTo((long) clients * seriesPerBatch);
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        writeEu();
        long series = count("series");
        long samples = count("samples");
        String huge = "x".repeat(5000);
        try (MetricStore.Writer w = store.writer()) {
            w.write(Batch.ofSamples(List.of(sample(acc("segment", "US"), 0, 1), sample(acc("segment", "EU"), 30, 1))));
            assertThatThrownBy(() -> w.write(Batch.ofSamples(List.of(sample(acc("segment", huge), 0, 1)))))
                    .isInstanceOf(StoreException.class).hasMessageContaining("at most 4000");
        }
        assertThat(count("series")).isEqualTo(series);
        assertThat(count("samples")).isEqualTo(samples);
        // The rolled-back series is not cached: writing it again really creates it.
        store.write(Batch.ofSamples(List.of(sample(acc("segment", "US"), 0, 1))));
        assertThat(count("series")).isEqualTo(series + 1);
        assertThat(store.query(WindowQuery.last(Selector.of("churn", "accuracy", LabelMatcher.eq("segment", "US")),
                at(0), STALE))).hasSize(1);
    }

    @Test
    void distributionsRoundTripAndReplaceOnRedelivery() {
        FeatureSample income = new FeatureSample.Numeric(new double[] {52000.0, 61000.5, -0.0, 1e-300}, 1);
        FeatureSample age = new FeatureSample.Histogram(new double[] {0, 18, 30}, new long[] {3, 40}, 2);
        FeatureSample region = new FeatureSample.Categorical(Map.of("EU", 120L, "US", 300L, "Ünï \"q\"", 1L), 0);
        store.write(new Batch(List.of(), List.of(new FeatureSnapshot("churn", "income", at(0), income),
                new FeatureSnapshot("churn", "age", at(0), age), new FeatureSnapshot("churn", "region", at(0), region),
                new FeatureSnapshot("churn", "income", at(10), income))));
        List<FeatureSnapshot> all = store.distributions("churn", null, at(0).minusMillis(1), at(10));
        assertThat(all).extracting(FeatureSnapshot::feature).containsExactly("age", "income", "income", "region");
        assertThat(all.get(0).sample()).isEqualTo(age);
        assertThat(all.get(1).sample()).isEqualTo(income);
        assertThat(all.get(3).sample()).isEqualTo(region);
        // (from, to] is half-open: the snapshot at minute 0 is outside (0, 10].
        assertThat(store.distributions("churn", "income", at(0), at(10))).extracting(FeatureSnapshot::at)
                .containsExactly(at(10));
        assertThat(store.distributions("fraud", null, at(-1), at(10))).isEmpty();
        FeatureSample replaced = new FeatureSample.Numeric(new double[] {1}, 0);
        store.write(new Batch(List.of(), List.of(new FeatureSnapshot("churn", "income", at(10), replaced))));
        assertThat(count("distributions")).isEqualTo(4);
        assertThat(store.distributions("churn", "income", at(0), at(10)).get(0).sample()).isEqualTo(replaced);
    }

    @Test
    void baselinesAreReplacedAsAWhole() {
        FeatureSample income = new FeatureSample.Numeric(new double[] {1, 2, 3}, 0);
        FeatureSample region = new FeatureSample.Categorical(Map.of("EU", 2L), 1);
        store.putBaseline("churn", "training", Map.of("income", income, "region", region));
        assertThat(store.baseline("churn", "training")).containsExactly(Map.entry("income", income),
                Map.entry("region", region));
        store.putBaseline("churn", "training", Map.of("region", region));
        assertThat(store.baseline("churn", "training")).containsOnlyKeys("region");
        assertThat(store.baseline("churn", "other")).isEmpty();
        assertThat(store.baseline("fraud", "training")).isEmpty();
    }

    @Test
    void purgeDeletesOnlyDataOlderThanTheRetention() {
        writeEu();
        store.write(new Batch(List.of(), List.of(new FeatureSnapshot("churn", "f", at(0),
                new FeatureSample.Numeric(new double[] {1}, 0)))));
        // now − 90 d lands on minute 10: minutes 0 and 5 (and the distribution at 0) go, 10 stays.
        long deleted = store.purge(at(10).plus(Duration.ofDays(90)));
        assertThat(deleted).isEqualTo(3);
        assertThat(count("samples")).isEqualTo(3);
        assertThat(count("distributions")).isZero();
        assertThat(only(query(COUNT, 20, Duration.ofHours(1)))).isEqualTo(3.0);
    }

    @Test
    void resultsAreSortedByLabelsAndCarryNoMetricName() {
        List<MetricSample> samples = new ArrayList<>();
        for (String seg : List.of("US", "EU", "APAC")) samples.add(sample(acc("segment", seg), 0, 1));
        store.write(Batch.ofSamples(samples));
        assertThat(segments(query(SUM, 0, Duration.ofMinutes(1)))).containsExactly("APAC", "EU", "US");
    }

    /**
     * A range read answers every window query at every time exactly as the store's SQL does: the
     * in-memory evaluation a query_range or chart uses ({@link SeriesEntries#evaluate}) is held to the
     * production statements, time by time, on seeded random series with gaps and stale markers, at times
     * that fall on window and staleness boundaries.
     */
    @Test
    void rangeReadAnswersEveryWindowQueryAsTheStoreDoesAtEachTime() {
        java.util.Random random = new java.util.Random(20261203);
        List<MetricSample> samples = new ArrayList<>();
        for (String seg : List.of("EU", "US", "APAC")) {
            SeriesKey key = acc("segment", seg);
            for (int m = 0; m < 240; m++) {
                double r = random.nextDouble();
                if (r < 0.45) continue; // gaps, some longer than the staleness limit
                if (r < 0.5) samples.add(MetricSample.staleMarker(key, at(m)));
                else samples.add(sample(key, m, Math.round(random.nextGaussian() * 100) / 10.0 + (seg.equals("US") ? 5 : 0)));
            }
        }
        store.write(Batch.ofSamples(samples));
        Selector all = Selector.of("churn", "accuracy");
        Selector eu = Selector.of("churn", "accuracy", LabelMatcher.eq("segment", "EU"));
        Selector none = Selector.of("churn", "accuracy", LabelMatcher.eq("segment", "MARS"));
        Instant from = at(-20);
        Instant to = at(260);
        int compared = 0;
        for (Duration window : List.of(Duration.ofMinutes(5), Duration.ofMinutes(17), Duration.ofHours(1))) {
            List<WindowQuery> queries = new ArrayList<>();
            for (Selector s : List.of(all, eu, none)) {
                for (WindowFunction f : WindowFunction.values()) {
                    if (f == QUANTILE) {
                        for (double q : new double[] {0, 0.5, 0.9, 1, -1, 2}) queries.add(WindowQuery.quantile(q, s, from, window, STALE));
                    } else if (f == LAST) {
                        queries.add(WindowQuery.last(s, from, STALE));
                    } else {
                        queries.add(WindowQuery.of(f, s, from, window, STALE));
                    }
                }
            }
            for (WindowQuery q : queries) {
                List<SeriesEntries> entries = store.entries(q.selector(),
                        from.minusMillis(SeriesEntries.lookbackMillis(q) + 1), to);
                for (Instant t = from; !t.isAfter(to); t = t.plus(Duration.ofMinutes(3))) {
                    WindowQuery atT = new WindowQuery(q.function(), q.selector(), t, q.window(), q.staleness(), q.quantile());
                    List<SeriesValue> sql = store.query(atT);
                    List<SeriesValue> memory = SeriesEntries.evaluate(entries, atT);
                    String where = atT.function() + " q=" + atT.quantile() + " window=" + window + " " + q.selector() + " at " + t;
                    assertThat(memory).as(where).hasSameSizeAs(sql);
                    for (int i = 0; i < sql.size(); i++) {
                        assertThat(memory.get(i).labels()).as(where).isEqualTo(sql.get(i).labels());
                        double expected = sql.get(i).value();
                        double actual = memory.get(i).value();
                        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
                            assertThat(Double.valueOf(actual)).as(where).isEqualTo(Double.valueOf(expected));
                        } else {
                            assertThat(actual).as(where).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
                        }
                        compared++;
                    }
                }
            }
        }
        // every function answered for real, not only "no value" both ways
        assertThat(compared).isGreaterThan(5_000);
    }
}
