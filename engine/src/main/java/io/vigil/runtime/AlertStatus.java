package io.vigil.runtime;

import java.util.Locale;

/** Where one alert instance stands (language.md §4). "Resolved" is a transition back to inactive. */
public enum AlertStatus {
    INACTIVE, PENDING, FIRING;

    /** The lower-case name used in the API, JSON output and templates. */
    public String label() { return name().toLowerCase(Locale.ROOT); }
}
