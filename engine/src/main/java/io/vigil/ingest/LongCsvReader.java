package io.vigil.ingest;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.vigil.store.Batch;
import io.vigil.store.Labels;
import io.vigil.store.MetricSample;
import io.vigil.store.SeriesKey;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Long-form metric CSV (interfaces.md): header {@code timestamp,model,metric,value[,label columns...]},
 * one sample per row. The model column may be left out when a default model is given; an empty label
 * cell means the series has no such label; the value {@code stale} writes a stale marker.
 */
final class LongCsvReader implements MetricFileReader {
    private static final CsvFactory FACTORY = new CsvFactory();
    private static final String HEADER = "timestamp,model,metric,value[,label columns...]";

    @Override public Summary read(Path file, String defaultModel, Consumer<Batch> sink, LongConsumer progress)
            throws InputFileException {
        long line = 0;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CsvParser parser = FACTORY.createParser(reader)) {
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            if (parser.nextToken() != JsonToken.START_ARRAY) throw new InputFileException(file, 0, "file is empty");
            List<String> header = row(parser);
            if (header == null) throw new InputFileException(file, 0, "file is empty; expected the header " + HEADER);
            Columns columns = Columns.of(file, header, defaultModel != null);
            List<MetricSample> samples = new ArrayList<>();
            long total = 0;
            List<String> cells;
            while ((cells = row(parser)) != null) {
                line = parser.currentTokenLocation().getLineNr();
                if (cells.size() == 1 && cells.get(0).isEmpty()) continue;
                if (cells.size() != header.size()) {
                    throw new InputFileException(file, line, "expected " + header.size() + " columns, found " + cells.size());
                }
                try {
                    samples.add(columns.sample(cells, defaultModel));
                } catch (InvalidInputException e) {
                    throw new InputFileException(file, line, e.getMessage());
                }
                if (samples.size() >= BATCH) {
                    total += samples.size();
                    sink.accept(Batch.ofSamples(samples));
                    samples.clear();
                    progress.accept(line);
                }
            }
            if (!samples.isEmpty()) sink.accept(Batch.ofSamples(samples));
            progress.accept(line);
            return new Summary(line, total + samples.size(), 0);
        } catch (StreamReadException e) {
            long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
            throw new InputFileException(file, at, "unreadable CSV: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (NoSuchFileException e) {
            throw new InputFileException(file, 0, "no such file");
        } catch (AccessDeniedException e) {
            throw new InputFileException(file, 0, "permission denied");
        } catch (CharacterCodingException e) {
            throw new InputFileException(file, 0, "not valid UTF-8 text");
        } catch (IOException e) {
            throw new InputFileException(file, 0, "cannot read: " + e.getMessage());
        }
    }

    /** The next row's cells, trimmed, or null at the end. */
    static List<String> row(CsvParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) return null;
        List<String> cells = new ArrayList<>();
        while (parser.nextToken() == JsonToken.VALUE_STRING) cells.add(parser.getText().strip());
        return cells;
    }

    /** Where each field sits in a row, from the header. */
    private record Columns(int modelColumn, int labelsFrom, List<String> labelNames) {
        static Columns of(Path file, List<String> header, boolean modelOptional) throws InputFileException {
            if (!header.isEmpty()) header.set(0, header.get(0).replace("\uFEFF", ""));
            boolean withModel = header.size() >= 4 && header.subList(0, 4).equals(List.of("timestamp", "model", "metric", "value"));
            boolean withoutModel = modelOptional && header.size() >= 3
                    && header.subList(0, 3).equals(List.of("timestamp", "metric", "value"));
            if (!withModel && !withoutModel) {
                throw new InputFileException(file, 1, "expected the header " + HEADER
                        + (modelOptional ? " (model may be left out with --model)" : "") + "; found " + String.join(",", header));
            }
            int labelsFrom = withModel ? 4 : 3;
            List<String> labels = header.subList(labelsFrom, header.size());
            Set<String> seen = new HashSet<>();
            for (String name : labels) {
                try {
                    Names.label(name, "header");
                } catch (InvalidInputException e) {
                    throw new InputFileException(file, 1, e.getMessage());
                }
                if (!seen.add(name)) throw new InputFileException(file, 1, "header: label column '" + name + "' appears twice");
            }
            return new Columns(withModel ? 1 : -1, labelsFrom, List.copyOf(labels));
        }

        MetricSample sample(List<String> cells, String defaultModel) throws InvalidInputException {
            Instant at = Timestamps.parseText(cells.get(0), "timestamp");
            String model = modelColumn < 0 || (cells.get(modelColumn).isEmpty() && defaultModel != null)
                    ? defaultModel : cells.get(modelColumn);
            Names.identifier(model, "model", "model");
            String metric = Names.identifier(cells.get(labelsFrom - 2), "metric", "metric name");
            TreeMap<String, String> labels = new TreeMap<>();
            for (int i = 0; i < labelNames.size(); i++) {
                String v = cells.get(labelsFrom + i);
                if (!v.isEmpty()) labels.put(labelNames.get(i), v);
            }
            SeriesKey key = new SeriesKey(model, metric, Labels.of(labels));
            String value = cells.get(labelsFrom - 1);
            if (value.equals("stale")) return MetricSample.staleMarker(key, at);
            return MetricSample.of(key, at, number(value));
        }

        private static double number(String text) throws InvalidInputException {
            if (DecimalSyntax.isNumber(text.toCharArray(), 0, text.length())) {
                double v = Double.parseDouble(text);
                if (Double.isFinite(v)) return v;
            } else if (!text.matches("(?i)[+-]?(nan|inf|infinity)")) {
                throw new InvalidInputException("value", Names.quote(text) + " is not a number (or 'stale')");
            }
            throw new InvalidInputException("value", Names.quote(text) + " is not a finite number");
        }
    }
}
