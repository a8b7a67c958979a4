package io.vigil.demo;

import java.time.LocalDate;
import java.util.Locale;

/** Meteorological seasons of the northern hemisphere (December–February is winter), the quickstart's segments. */
public enum Season {
    WINTER, SPRING, SUMMER, AUTUMN;

    public static Season of(LocalDate date) {
        return switch (date.getMonthValue()) {
            case 12, 1, 2 -> WINTER;
            case 3, 4, 5 -> SPRING;
            case 6, 7, 8 -> SUMMER;
            default -> AUTUMN;
        };
    }

    /** The value of the {@code season} label in snapshots and rules. */
    public String label() { return name().toLowerCase(Locale.ROOT); }
}
