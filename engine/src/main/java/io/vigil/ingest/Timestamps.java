package io.vigil.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Snapshot times: ISO-8601 with a zone ({@code 2026-11-26T10:00:00Z}, {@code ...+02:00}) or epoch
 * milliseconds, in either form from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z: the store keeps
 * epoch milliseconds, and a time beyond year 9999 is surely a unit mistake (e.g. microseconds).
 */
public final class Timestamps {
    /** The accepted range, as users read it. */
    public static final String RANGE = "1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z";
    /** The latest time accepted. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final long MAX_MILLIS = LATEST.toEpochMilli();

    private Timestamps() {}

    static Instant parseText(String text, String path) throws InvalidInputException {
        Instant at;
        try {
            at = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            if (!text.isEmpty() && text.length() <= 18 && text.chars().allMatch(Character::isDigit)) {
                return millis(Long.parseLong(text), path);
            }
            String hint = text.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+") ? " (it has no time zone)" : "";
            throw new InvalidInputException(path, Names.quote(text) + " is not a time" + hint
                    + "; expected ISO-8601 with a zone, e.g. 2026-11-26T10:00:00Z, or epoch milliseconds");
        }
        if (!inRange(at)) {
            throw new InvalidInputException(path, Names.quote(text) + " is out of range; times from " + RANGE
                    + " are accepted");
        }
        return at;
    }

    /** Whether a time is one the store can keep (and a person meant). */
    public static boolean inRange(Instant at) {
        return !at.isBefore(Instant.EPOCH) && !at.isAfter(LATEST);
    }

    static Instant millis(long millis, String path) throws InvalidInputException {
        if (millis < 0 || millis > MAX_MILLIS) {
            throw new InvalidInputException(path, millis + " is out of range for epoch milliseconds (0 to " + MAX_MILLIS
                    + ", " + RANGE + ")");
        }
        return Instant.ofEpochMilli(millis);
    }
}
