package io.vigil.check;

/** What a statistic's number means, which decides the checker's threshold warnings and the docs' "kind" column. */
public enum StatisticKind {
    /** Higher = more different from the reference (PSI, JS, KS D, …). */
    DISTANCE("distance"),
    /** A test's p-value: lower = more evidence of drift; {@code > 0.5} as an alert threshold is a mistake. */
    P_VALUE("p-value"),
    /** A share of rows, in [0, 1]. */
    SHARE("share"),
    /** 1 or 0. */
    FLAG("flag"),
    /** The score of a test chosen at run time: a p-value or a distance depending on the data. */
    SCORE("score"),
    /** A plain quantity of the data, in its own unit (a mean). */
    QUANTITY("quantity"),
    /** A model-quality metric where higher is better (F1, AUC, R²). */
    QUALITY("quality"),
    /** A model's error, lower is better (log loss, MAE, …; bias is signed). */
    ERROR("error"),
    /** A number of predictions. */
    COUNT("count");

    private final String text;

    StatisticKind(String text) { this.text = text; }

    /** How docs/statistics.md names it. */
    public String text() { return text; }
}
