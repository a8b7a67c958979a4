package io.vigil.store;

import io.vigil.stats.FeatureSample;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Vigil's metric store: samples of series, feature distributions per snapshot and named baselines.
 * Every method is safe to call from several threads. Failures of the database are
 * {@link StoreException}s.
 */
public interface MetricStore extends AutoCloseable {

    /** Writes one batch in one transaction (all or nothing); re-delivered data replaces, never duplicates. */
    default void write(Batch batch) {
        try (Writer w = writer()) {
            w.write(batch);
            w.commit();
        }
    }

    /** Opens a transaction for several batches (e.g. a whole file); closing it without commit rolls back. */
    Writer writer();

    /** Evaluates one window function over a selector at a time (language.md §3.1–3.2); elements sorted by labels. */
    List<SeriesValue> query(WindowQuery query);

    /**
     * Every entry (values and stale markers) of each series {@code selector} selects, in (from, to] and in
     * time order, so one window query can be answered at many times in memory ({@link SeriesEntries#evaluate}).
     */
    List<SeriesEntries> entries(Selector selector, Instant from, Instant to);

    /**
     * The predictions of a model in a time range joined as of a time with their outcomes
     * (predictions.md §2), as columns; {@link JoinedPredictions#predictions()} and
     * {@link JoinedPredictions#labelled()} are the counts.
     */
    JoinedPredictions predictions(PredictionQuery query);

    /**
     * Distributions of one feature ({@code feature} non-null) or of every feature of {@code model}
     * ingested in the half-open range (from, to], ordered by feature then time.
     */
    List<FeatureSnapshot> distributions(String model, String feature, Instant from, Instant to);

    /** Stores a named baseline, replacing every feature an earlier baseline of that name had. */
    void putBaseline(String model, String name, Map<String, FeatureSample> features);

    /** The features of a named baseline (feature → profile, sorted by feature); empty when there is none. */
    Map<String, FeatureSample> baseline(String model, String name);

    /** Deletes samples and distributions older than {@code now} − retention; returns the number of rows deleted. */
    long purge(Instant now);

    /**
     * Deletes the predictions and outcomes of each model older than {@code now} − its retention
     * ({@code models.<m>.retention}); returns the number of rows deleted.
     */
    long purgePredictions(Instant now, java.util.function.Function<String, java.time.Duration> retentionOf);

    @Override void close();

    /** A write transaction. */
    interface Writer extends AutoCloseable {
        void write(Batch batch);

        void commit();

        /** Rolls back unless {@link #commit()} succeeded. */
        @Override void close();
    }
}
