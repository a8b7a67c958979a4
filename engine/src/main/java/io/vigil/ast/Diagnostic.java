package io.vigil.ast;

import java.util.Comparator;

/** One problem found in a rule file: where, how bad, and what; optionally a note pointing elsewhere. */
public record Diagnostic(Severity severity, Span span, String message, Span noteSpan, String note) {

    /** Severity of a diagnostic; only errors stop a rule set from loading. */
    public enum Severity { ERROR, WARNING, NOTE;
        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** Sorts diagnostics by file, then position, then severity, so output is stable. */
    public static final Comparator<Diagnostic> ORDER = Comparator
            .comparing((Diagnostic d) -> d.span.source().path())
            .thenComparingInt(d -> d.span.start())
            .thenComparing(Diagnostic::severity)
            .thenComparing(Diagnostic::message);

    public static Diagnostic error(Span span, String message) {
        return new Diagnostic(Severity.ERROR, span, message, null, null);
    }

    public static Diagnostic warning(Span span, String message) {
        return new Diagnostic(Severity.WARNING, span, message, null, null);
    }

    public Diagnostic withNote(Span where, String text) {
        return new Diagnostic(severity, span, message, where, text);
    }

    public boolean isError() { return severity == Severity.ERROR; }
}
