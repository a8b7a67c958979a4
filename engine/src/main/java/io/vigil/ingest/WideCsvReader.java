package io.vigil.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.vigil.stats.FeatureSample;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a wide CSV file (interfaces.md): a header row, one column per feature, an empty cell is a
 * null; a column whose non-null values are all numbers is numeric, any other is categorical. The
 * file is streamed, so only the parsed columns are held in memory. Cells are trimmed of surrounding
 * blanks; a blank line in a file of several columns is skipped.
 */
public final class WideCsvReader {
    private static final CsvFactory FACTORY = new CsvFactory();

    private WideCsvReader() {}

    /** Reads every column of {@code file}. */
    public static WideCsv read(Path file) throws WideCsvException {
        return read(file, List.of(), Set.of());
    }

    /**
     * Reads the named columns of {@code file} (every column when {@code columns} is empty), in header
     * order; a column listed in {@code categorical} is read as categorical whatever it holds.
     *
     * @throws WideCsvException naming the file, line and, where it applies, the column: unreadable
     *                          file, empty file, bad header, a row with the wrong number of cells, bad
     *                          quoting, or a requested column the header does not have
     */
    public static WideCsv read(Path file, Collection<String> columns, Set<String> categorical)
            throws WideCsvException {
        WideCsv first = readOnce(file, columns, categorical);
        List<String> lost = new ArrayList<>();
        first.features().forEach((name, sample) -> { if (sample == null) lost.add(name); });
        if (lost.isEmpty()) return first;
        // Some columns started with numbers and later held text: their numbers' original spelling is
        // gone, so read just those columns again as categorical.
        WideCsv again = readOnce(file, lost, Set.copyOf(lost));
        Map<String, FeatureSample> merged = new LinkedHashMap<>(first.features());
        merged.putAll(again.features());
        return new WideCsv(file, first.rows(), first.columns(), merged);
    }

    private static WideCsv readOnce(Path file, Collection<String> wanted, Set<String> categorical)
            throws WideCsvException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CsvParser parser = FACTORY.createParser(reader)) {
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            List<String> header = readHeader(file, parser);
            ColumnAccumulator[] accumulators = select(file, header, wanted, categorical);
            long rows = readRows(file, parser, accumulators, Files.size(file));
            List<String> names = new ArrayList<>();
            Map<String, FeatureSample> samples = new LinkedHashMap<>();
            for (int i = 0; i < accumulators.length; i++) {
                if (accumulators[i] == null) continue;
                names.add(header.get(i));
                samples.put(header.get(i), accumulators[i].lostNumbers() ? null : accumulators[i].toSample());
            }
            return new WideCsv(file, rows, names, samples);
        } catch (StreamReadException e) {
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage().replace('\n', ' ');
            if (at == null) throw new WideCsvException(file, 0, message);
            throw new WideCsvException(file, at.getLineNr(), at.getColumnNr(), message);
        } catch (NoSuchFileException e) {
            throw new WideCsvException(file, 0, "no such file");
        } catch (AccessDeniedException e) {
            throw new WideCsvException(file, 0, "permission denied");
        } catch (CharacterCodingException e) {
            throw new WideCsvException(file, 0, "not valid UTF-8 text");
        } catch (IOException e) {
            throw new WideCsvException(file, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Rows read before the column buffers are sized from the file's length. */
    private static final int SIZING_ROWS = 256;

    // Characters read so far per row give the file's row count, give or take: size the buffers once for it.
    private static void reserve(CsvParser parser, ColumnAccumulator[] columns, long fileBytes) {
        long chars = parser.currentLocation().getCharOffset();
        if (chars <= 0) return;
        long estimate = (long) (fileBytes / (chars / (double) (SIZING_ROWS + 1)) * 1.02) + 64;
        long read = java.util.Arrays.stream(columns).filter(java.util.Objects::nonNull).count();
        // short first rows could promise far more rows than there are: never reserve over a quarter of the heap
        long cap = Runtime.getRuntime().maxMemory() / 4 / Double.BYTES / Math.max(1, read);
        for (ColumnAccumulator column : columns) if (column != null) column.reserve(Math.min(estimate, cap));
    }

    private static List<String> readHeader(Path file, CsvParser parser) throws IOException, WideCsvException {
        if (parser.nextToken() != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.START_ARRAY) {
            throw new WideCsvException(file, 0, "file is empty; expected a header row naming the columns");
        }
        List<String> header = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
            String name = parser.getText().strip();
            if (header.isEmpty() && name.startsWith("\uFEFF")) name = name.substring(1).strip();
            int column = header.size() + 1;
            if (name.isEmpty()) {
                throw new WideCsvException(file, 1, "column " + column + " has an empty name in the header");
            }
            Integer earlier = seen.putIfAbsent(name, column);
            if (earlier != null) {
                throw new WideCsvException(file, 1, "column " + column + " repeats the name '" + name
                        + "' of column " + earlier);
            }
            header.add(name);
        }
        if (token != JsonToken.END_ARRAY) throw new WideCsvException(file, 1, "unreadable header row");
        return header;
    }

    private static ColumnAccumulator[] select(Path file, List<String> header, Collection<String> wanted,
                                              Set<String> categorical) throws WideCsvException {
        ColumnAccumulator[] accumulators = new ColumnAccumulator[header.size()];
        if (wanted.isEmpty()) {
            for (int i = 0; i < header.size(); i++) {
                accumulators[i] = new ColumnAccumulator(categorical.contains(header.get(i)));
            }
            return accumulators;
        }
        for (String name : wanted) {
            int i = header.indexOf(name);
            if (i < 0) {
                throw new WideCsvException(file, 1, "no column named '" + name + "'; the header has: "
                        + String.join(", ", header));
            }
            accumulators[i] = new ColumnAccumulator(categorical.contains(name));
        }
        return accumulators;
    }

    private static long readRows(Path file, CsvParser parser, ColumnAccumulator[] columns, long fileBytes)
            throws IOException, WideCsvException {
        int expected = columns.length;
        long rows = 0;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.START_ARRAY) {
            int cells = 0;
            long line = -1;
            boolean firstCellEmpty = false;
            while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                if (line < 0) line = parser.currentTokenLocation().getLineNr();
                char[] buf = parser.getTextCharacters();
                int from = parser.getTextOffset();
                int to = from + parser.getTextLength();
                while (from < to && buf[from] <= ' ') from++;
                while (to > from && buf[to - 1] <= ' ') to--;
                if (cells == 0 && from == to) {
                    // Held back: a row that is only this empty cell is a blank line, not a null.
                    firstCellEmpty = true;
                } else {
                    if (cells == 1 && firstCellEmpty && columns[0] != null) columns[0].add(buf, 0, 0);
                    if (cells < expected && columns[cells] != null) columns[cells].add(buf, from, to - from);
                }
                cells++;
            }
            if (token != JsonToken.END_ARRAY) throw new WideCsvException(file, line, "unreadable row");
            if (cells == 1 && firstCellEmpty) {
                if (expected > 1) continue;
                if (columns[0] != null) columns[0].add(new char[0], 0, 0);
            }
            if (cells != expected) {
                throw new WideCsvException(file, line, "expected " + expected + " columns, found " + cells);
            }
            rows++;
            if (rows == SIZING_ROWS) reserve(parser, columns, fileBytes);
        }
        return rows;
    }
}
