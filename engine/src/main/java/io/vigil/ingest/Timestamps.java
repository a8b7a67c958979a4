package io.vigil.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Snapshot times: ISO-8601 with a zone ({@code 2026-11-26T10:00:00Z}, {@code ...+02:00}) or epoch milliseconds. */
final class Timestamps {
    /** Epoch milliseconds beyond year 9999 are surely a unit mistake (e.g. microseconds). */
    private static final long MAX_MILLIS = Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();

    private Timestamps() {}

    static Instant parseText(String text, String path) throws InvalidInputException {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            if (!text.isEmpty() && text.length() <= 18 && text.chars().allMatch(Character::isDigit)) {
                return millis(Long.parseLong(text), path);
            }
            String hint = text.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+") ? " (it has no time zone)" : "";
            throw new InvalidInputException(path, Names.quote(text) + " is not a time" + hint
                    + "; expected ISO-8601 with a zone, e.g. 2026-11-26T10:00:00Z, or epoch milliseconds");
        }
    }

    static Instant millis(long millis, String path) throws InvalidInputException {
        if (millis < 0 || millis > MAX_MILLIS) {
            throw new InvalidInputException(path, millis + " is out of range for epoch milliseconds (0 to " + MAX_MILLIS + ")");
        }
        return Instant.ofEpochMilli(millis);
    }
}
