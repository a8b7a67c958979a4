package io.vigil.ingest;

import io.vigil.store.Batch;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Reads a file of metrics for {@code vigil ingest}, handing its content on in batches. The caller
 * decides what all-or-nothing means (one store transaction, or a validating pass before sending):
 * the reader stops at the first bad line and reports it.
 */
public interface MetricFileReader {
    /** Samples (plus distributions) per batch handed on. */
    int BATCH = 5000;

    /** What one file held. */
    record Summary(long lines, long samples, long distributions) {}

    /**
     * Reads {@code file}.
     *
     * @param defaultModel model for entries that name none; null when the file must name it
     * @param sink         receives the batches in file order
     * @param progress     receives the number of lines read so far, now and then
     */
    Summary read(Path file, String defaultModel, Consumer<Batch> sink, LongConsumer progress) throws InputFileException;

    /** The reader for a file's type: {@code .jsonl}/{@code .ndjson} snapshots or {@code .csv} long-form metrics. */
    static MetricFileReader forFile(Path file) throws InputFileException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return new JsonlReader();
        if (name.endsWith(".csv")) return new LongCsvReader();
        throw new InputFileException(file, 0, "unknown file type; expected .jsonl (one snapshot per line) or .csv"
                + " (timestamp,model,metric,value[,label columns...])");
    }
}
