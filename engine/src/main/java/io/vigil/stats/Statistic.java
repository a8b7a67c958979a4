package io.vigil.stats;

import java.util.Locale;

/** The distribution statistics of the rule language (language.md §3.3), by their language names. */
public enum Statistic {
    PSI, KS, KS_PVALUE, CHI2_PVALUE, JS, WASSERSTEIN, HELLINGER, LINF, KL,
    NULL_RATE, MEAN, UNSEEN_RATE, OUT_OF_RANGE_RATE, DRIFT, DRIFT_DETECTED;

    /** The name used in rules and JSON, e.g. {@code ks_pvalue}. */
    public String languageName() { return name().toLowerCase(Locale.ROOT); }

    /** The statistic called {@code name} in the language, or null. */
    public static Statistic byLanguageName(String name) {
        for (Statistic s : values()) if (s.languageName().equals(name)) return s;
        return null;
    }
}
