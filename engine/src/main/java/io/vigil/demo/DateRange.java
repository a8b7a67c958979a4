package io.vigil.demo;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** An inclusive range of days, written {@code 2013-04-15..2013-04-19}. */
public record DateRange(LocalDate first, LocalDate last) {
    public DateRange {
        if (last.isBefore(first)) throw new IllegalArgumentException("range " + first + ".." + last + " ends before it starts");
    }

    public boolean contains(LocalDate day) { return !day.isBefore(first) && !day.isAfter(last); }

    /** Parses {@code FIRST..LAST} (ISO dates); the message names what is wrong. */
    public static DateRange parse(String text) {
        int dots = text.indexOf("..");
        if (dots < 0) throw new IllegalArgumentException("'" + text + "' is not a date range FIRST..LAST, e.g. 2013-04-15..2013-04-19");
        try {
            return new DateRange(LocalDate.parse(text.substring(0, dots).trim()), LocalDate.parse(text.substring(dots + 2).trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + e.getParsedString() + "' in '" + text + "' is not an ISO date (yyyy-mm-dd)");
        }
    }

    @Override
    public String toString() { return first + ".." + last; }
}
