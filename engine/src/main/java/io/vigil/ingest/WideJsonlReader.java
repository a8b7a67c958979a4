package io.vigil.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.stats.FeatureSample;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads rows of data as JSONL (one object per line, feature → value; e.g. pandas
 * {@code to_json(orient="records", lines=True)}) into one {@link FeatureSample} per feature, with the
 * rules of the wide CSV: a null or missing value is a null, a feature whose values are all numbers is
 * numeric, any other categorical (numbers, strings and booleans then count by their text).
 */
public final class WideJsonlReader {
    private WideJsonlReader() {}

    public static WideCsv read(Path file) throws InputFileException {
        WideCsv first = readOnce(file, Set.of());
        List<String> lost = new ArrayList<>();
        first.features().forEach((name, sample) -> { if (sample == null) lost.add(name); });
        if (lost.isEmpty()) return first;
        // As WideCsvReader: a feature that held numbers and later text is read again as categorical.
        WideCsv again = readOnce(file, Set.copyOf(lost));
        Map<String, FeatureSample> merged = new LinkedHashMap<>(first.features());
        lost.forEach(name -> merged.put(name, again.features().get(name)));
        return new WideCsv(file, first.rows(), first.columns(), merged);
    }

    private static WideCsv readOnce(Path file, Set<String> categorical) throws InputFileException {
        Map<String, ColumnAccumulator> columns = new LinkedHashMap<>();
        long rows = 0;
        long lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                JsonNode row;
                try {
                    row = SnapshotParser.readTree(line.getBytes(StandardCharsets.UTF_8));
                } catch (InvalidInputException e) {
                    throw new InputFileException(file, lineNo, e.error.toString().replace("at line 1, column", "at column"));
                }
                if (!row.isObject()) {
                    throw new InputFileException(file, lineNo, "expected an object of feature values, found "
                            + ObjectFields.describe(row));
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = row.properties().iterator(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> cell = it.next();
                    ColumnAccumulator column = columns.get(cell.getKey());
                    if (column == null) {
                        column = new ColumnAccumulator(categorical.contains(cell.getKey()));
                        for (long r = 0; r < rows; r++) column.add(new char[0], 0, 0);
                        columns.put(cell.getKey(), column);
                    }
                    char[] text = text(cell.getValue(), file, lineNo, cell.getKey());
                    column.add(text, 0, text.length);
                }
                rows++;
                for (Map.Entry<String, ColumnAccumulator> c : columns.entrySet()) {
                    if (!row.has(c.getKey())) c.getValue().add(new char[0], 0, 0);
                }
            }
        } catch (NoSuchFileException e) {
            throw new InputFileException(file, 0, "no such file");
        } catch (CharacterCodingException e) {
            throw new InputFileException(file, lineNo + 1, "not valid UTF-8 text");
        } catch (IOException e) {
            throw new InputFileException(file, 0, "cannot read: " + e.getMessage());
        }
        Map<String, FeatureSample> features = new LinkedHashMap<>();
        columns.forEach((name, c) -> features.put(name, c.lostNumbers() ? null : c.toSample()));
        return new WideCsv(file, rows, List.copyOf(columns.keySet()), features);
    }

    private static char[] text(JsonNode v, Path file, long line, String feature) throws InputFileException {
        if (v.isNull()) return new char[0];
        if (v.isNumber()) {
            if (!Double.isFinite(v.doubleValue())) {
                throw new InputFileException(file, line, feature + ": " + ObjectFields.describe(v) + " is not a finite number");
            }
            return v.asText().toCharArray();
        }
        if (v.isTextual() || v.isBoolean()) return v.asText().toCharArray();
        throw new InputFileException(file, line, feature + ": expected a number, string, boolean or null, found "
                + ObjectFields.describe(v));
    }
}
