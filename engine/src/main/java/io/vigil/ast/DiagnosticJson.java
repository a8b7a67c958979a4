package io.vigil.ast;

import java.util.LinkedHashMap;
import java.util.Map;

/** A diagnostic as a JSON object, for {@code vigil check --format json} and the query API's 400s. */
public final class DiagnosticJson {
    private DiagnosticJson() {}

    /** {path, line, column, end_line, end_column, severity, message, note?}; 1-based, end exclusive as in editors' ranges. */
    public static Map<String, Object> of(Diagnostic d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", d.span().source().path());
        m.put("line", d.span().line());
        m.put("column", d.span().column());
        m.put("end_line", d.span().source().line(d.span().end()));
        m.put("end_column", d.span().source().column(d.span().end()));
        m.put("severity", d.severity().label());
        m.put("message", d.message());
        if (d.note() != null) m.put("note", d.note());
        return m;
    }
}
