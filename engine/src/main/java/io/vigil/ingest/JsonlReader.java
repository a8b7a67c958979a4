package io.vigil.ingest;

import io.vigil.store.Batch;
import io.vigil.store.FeatureSnapshot;
import io.vigil.store.MetricSample;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** JSONL snapshots: one snapshot per line (blank lines are skipped), validated as the HTTP API does. */
final class JsonlReader implements MetricFileReader {

    @Override public Summary read(Path file, String defaultModel, Consumer<Batch> sink, LongConsumer progress)
            throws InputFileException {
        List<MetricSample> samples = new ArrayList<>();
        List<FeatureSnapshot> distributions = new ArrayList<>();
        long lineNo = 0;
        long totalSamples = 0;
        long totalDistributions = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                SnapshotParser.Result r = SnapshotParser.parse(line.getBytes(StandardCharsets.UTF_8), defaultModel);
                if (r instanceof SnapshotParser.Rejected rejected) {
                    // Each line is its own JSON document: its "line 1" is this file line.
                    String message = rejected.error().toString().replace("at line 1, column", "at column");
                    throw new InputFileException(file, lineNo, message);
                }
                Batch b = ((SnapshotParser.Parsed) r).batch();
                samples.addAll(b.samples());
                distributions.addAll(b.distributions());
                if (samples.size() + distributions.size() >= BATCH) {
                    totalSamples += samples.size();
                    totalDistributions += distributions.size();
                    sink.accept(new Batch(samples, distributions));
                    samples.clear();
                    distributions.clear();
                    progress.accept(lineNo);
                }
            }
        } catch (NoSuchFileException e) {
            throw new InputFileException(file, 0, "no such file");
        } catch (AccessDeniedException e) {
            throw new InputFileException(file, 0, "permission denied");
        } catch (CharacterCodingException e) {
            throw new InputFileException(file, lineNo + 1, "not valid UTF-8 text");
        } catch (IOException e) {
            throw new InputFileException(file, 0, "cannot read: " + e.getMessage());
        }
        if (!samples.isEmpty() || !distributions.isEmpty()) sink.accept(new Batch(samples, distributions));
        progress.accept(lineNo);
        return new Summary(lineNo, totalSamples + samples.size(), totalDistributions + distributions.size());
    }
}
