package io.vigil.demo;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One day of Seattle weather: the four inputs of the rain model, as in {@code seattle-weather.csv}. */
public record WeatherDay(LocalDate date, double precipitation, double tempMax, double tempMin, double wind) {

    /** A day with any measurable rain; this is what the model predicts for tomorrow. */
    public boolean rained() { return precipitation > 0; }

    /**
     * Reads {@code date,precipitation,temp_max,temp_min,wind[,...]} with a header row. The replay pairs each day
     * with the next row, so rows must be consecutive days; anything else is rejected with its line number.
     */
    public static List<WeatherDay> read(Path csv) throws IOException {
        List<WeatherDay> days = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> rows = new CsvMapper()
                .readerForMapOf(String.class).with(schema).readValues(csv.toFile())) {
            while (rows.hasNextValue()) {
                // line numbers count the header plus one line per row (the file has no quoted line breaks)
                String where = csv + ":" + (days.size() + 2);
                Map<String, String> row = rows.nextValue();
                WeatherDay day = new WeatherDay(date(row, where), number(row, "precipitation", where),
                        number(row, "temp_max", where), number(row, "temp_min", where), number(row, "wind", where));
                if (!days.isEmpty() && !day.date.equals(days.get(days.size() - 1).date.plusDays(1))) {
                    throw new IOException(where + ": date " + day.date + " does not follow "
                            + days.get(days.size() - 1).date + " (one row per consecutive day expected)");
                }
                days.add(day);
            }
        }
        if (days.isEmpty()) throw new IOException(csv + ": no data rows");
        return List.copyOf(days);
    }

    private static LocalDate date(Map<String, String> row, String where) throws IOException {
        String text = cell(row, "date", where);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IOException(where + ": column date: '" + text + "' is not an ISO date (yyyy-mm-dd)");
        }
    }

    private static double number(Map<String, String> row, String column, String where) throws IOException {
        String text = cell(row, column, where);
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) return value;
        } catch (NumberFormatException e) {
            // reported below with the same message as a non-finite value
        }
        throw new IOException(where + ": column " + column + ": '" + text + "' is not a finite number");
    }

    private static String cell(Map<String, String> row, String column, String where) throws IOException {
        String text = row.get(column);
        if (text == null || text.isBlank()) throw new IOException(where + ": column " + column + " is missing or empty");
        return text.trim();
    }
}
