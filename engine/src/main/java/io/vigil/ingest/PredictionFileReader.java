package io.vigil.ingest;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.vigil.store.Batch;
import io.vigil.stats.quality.ModelKind;
import io.vigil.store.Outcome;
import io.vigil.store.Prediction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Prediction or outcome files for {@code vigil ingest --predictions/--outcomes} (predictions.md §5):
 * JSONL, one record per line exactly as the HTTP bodies take them, or CSV with the header
 * {@code timestamp,model,id,} then {@code score}/{@code scores.CLASS}/{@code class}/{@code value} (or
 * {@code actual}), {@code label.NAME} and {@code feature.NAME} columns. Each record is validated by
 * {@link PredictionParser}; the first bad one stops the read with {@code file:line: path: message}.
 */
public final class PredictionFileReader {
    /** Records per chunk handed on (one HTTP request with --server). */
    public static final int CHUNK = 1000;
    private static final CsvFactory CSV = new CsvFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A run of records: as JSON (to send to a server) and validated (to store). */
    public record Chunk(List<JsonNode> json, Batch batch) {}

    private final boolean outcomes;
    private final Function<String, ModelKind> kindOf;

    /** @param outcomes whether the files hold outcomes (else predictions) */
    public PredictionFileReader(boolean outcomes, Function<String, ModelKind> kindOf) {
        this.outcomes = outcomes;
        this.kindOf = kindOf;
    }

    /** Reads {@code file}, handing chunks on in file order; returns the number of records. */
    public long read(Path file, Consumer<Chunk> sink, LongConsumer progress) throws InputFileException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Collector collector = new Collector(sink);
        long lines;
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) lines = jsonl(file, collector, progress);
        else if (name.endsWith(".csv")) lines = csv(file, collector, progress);
        else throw new InputFileException(file, 0, "unknown file type; expected .jsonl (one "
                + (outcomes ? "outcome" : "prediction") + " per line) or .csv (timestamp,model,id,...)");
        collector.flush();
        progress.accept(lines);
        return collector.records;
    }

    private final class Collector {
        final Consumer<Chunk> sink;
        final List<JsonNode> json = new ArrayList<>();
        final List<Prediction> predictions = new ArrayList<>();
        final List<Outcome> outcomeList = new ArrayList<>();
        long records;

        Collector(Consumer<Chunk> sink) {
            this.sink = sink;
        }

        void add(JsonNode node) throws InvalidInputException {
            if (outcomes) outcomeList.add(PredictionParser.outcome(node, "", kindOf));
            else predictions.add(PredictionParser.prediction(node, "", kindOf));
            json.add(node);
            records++;
            if (json.size() >= CHUNK) flush();
        }

        void flush() {
            if (json.isEmpty()) return;
            sink.accept(new Chunk(List.copyOf(json), new Batch(List.of(), List.of(), predictions, outcomeList)));
            json.clear();
            predictions.clear();
            outcomeList.clear();
        }
    }

    private long jsonl(Path file, Collector collector, LongConsumer progress) throws InputFileException {
        long lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                try {
                    collector.add(SnapshotParser.readTree(line.getBytes(StandardCharsets.UTF_8)));
                } catch (InvalidInputException e) {
                    throw new InputFileException(file, lineNo, e.error.toString().replace("at line 1, column", "at column"));
                }
                if (lineNo % CHUNK == 0) progress.accept(lineNo);
            }
        } catch (IOException e) {
            throw InputFileException.reading(file, lineNo + 1, e);
        }
        return lineNo;
    }

    private long csv(Path file, Collector collector, LongConsumer progress) throws InputFileException {
        long line = 0;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CsvParser parser = CSV.createParser(reader)) {
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            if (parser.nextToken() != JsonToken.START_ARRAY) throw new InputFileException(file, 0, "file is empty");
            List<String> header = LongCsvReader.row(parser);
            if (header == null) throw new InputFileException(file, 0, "file is empty; expected a header " + header());
            header.set(0, header.get(0).replace("\uFEFF", ""));
            checkHeader(file, header);
            List<String> cells;
            while ((cells = LongCsvReader.row(parser)) != null) {
                line = parser.currentTokenLocation().getLineNr();
                if (cells.size() == 1 && cells.get(0).isEmpty()) continue;
                if (cells.size() != header.size()) {
                    throw new InputFileException(file, line, "expected " + header.size() + " columns, found " + cells.size());
                }
                try {
                    collector.add(record(header, cells));
                } catch (InvalidInputException e) {
                    throw new InputFileException(file, line, e.getMessage());
                }
                if (line % CHUNK == 0) progress.accept(line);
            }
        } catch (StreamReadException e) {
            long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
            throw new InputFileException(file, at, "unreadable CSV: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw InputFileException.reading(file, 0, e);
        }
        return line;
    }

    private String header() {
        return outcomes ? "timestamp,model,id,actual" : "timestamp,model,id,score|scores.CLASS...|value[,class][,label.NAME...][,feature.NAME...]";
    }

    private void checkHeader(Path file, List<String> header) throws InputFileException {
        if (header.size() < 3 || !header.subList(0, 3).equals(List.of("timestamp", "model", "id"))) {
            throw new InputFileException(file, 1, "expected the header to start with timestamp,model,id (" + header()
                    + "); found " + String.join(",", header));
        }
        List<String> fixed = outcomes ? List.of("actual", "replace") : List.of("score", "class", "value", "replace");
        Set<String> seen = new HashSet<>();
        for (String column : header.subList(3, header.size())) {
            boolean known = fixed.contains(column) || column.startsWith("label.") && column.length() > 6
                    || !outcomes && (column.startsWith("feature.") && column.length() > 8
                    || column.startsWith("scores.") && column.length() > 7);
            if (!known) {
                throw new InputFileException(file, 1, "header: unknown column '" + column + "'; expected "
                        + String.join(", ", fixed) + (outcomes ? ", label.NAME" : ", scores.CLASS, label.NAME, feature.NAME"));
            }
            if (!seen.add(column)) throw new InputFileException(file, 1, "header: column '" + column + "' appears twice");
        }
    }

    /** A CSV row as the JSON record it stands for: empty cells are absent (a feature's is null). */
    private ObjectNode record(List<String> header, List<String> cells) {
        ObjectNode o = NODES.objectNode();
        ObjectNode labels = null;
        ObjectNode features = null;
        ObjectNode scores = null;
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            String cell = cells.get(i);
            if (column.startsWith("feature.")) {
                if (features == null) features = o.putObject("features");
                String feature = column.substring(8);
                if (cell.isEmpty()) features.putNull(feature);
                else features.set(feature, numberOrText(cell));
                continue;
            }
            if (cell.isEmpty()) continue;
            if (column.startsWith("label.")) {
                if (labels == null) labels = o.putObject("labels");
                labels.put(column.substring(6), cell);
            } else if (column.startsWith("scores.")) {
                if (scores == null) scores = o.putObject("scores");
                scores.set(column.substring(7), numberOrText(cell));
            } else if (column.equals("score") || column.equals("value") || column.equals("actual")) {
                o.set(column, numberOrText(cell));
            } else if (column.equals("replace")) {
                o.set(column, cell.equalsIgnoreCase("true") ? NODES.booleanNode(true)
                        : cell.equalsIgnoreCase("false") ? NODES.booleanNode(false) : NODES.textNode(cell));
            } else {
                o.put(column, cell);
            }
        }
        return o;
    }

    /** A number when the cell is one (NaN and Infinity too, so the validator names them), else the text. */
    private static JsonNode numberOrText(String cell) {
        if (DecimalSyntax.isNumber(cell.toCharArray(), 0, cell.length())) return NODES.numberNode(Double.parseDouble(cell));
        if (cell.matches("(?i)[+-]?(nan|inf|infinity)")) return NODES.numberNode(Double.parseDouble(
                cell.toLowerCase(Locale.ROOT).startsWith("nan") ? "NaN" : cell.startsWith("-") ? "-Infinity" : "Infinity"));
        return NODES.textNode(cell);
    }
}
