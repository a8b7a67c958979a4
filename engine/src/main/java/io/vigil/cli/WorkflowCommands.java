package io.vigil.cli;

import io.vigil.ast.Diagnostic;
import io.vigil.ast.Span;

/**
 * GitHub Actions workflow commands ({@code ::error file=…,line=…,col=…::message}), which the runner turns
 * into annotations on the pull request's changed lines. Escaped as the runner unescapes them: {@code %},
 * CR and LF everywhere, and also {@code :} and {@code ,} in properties, so no file name or message can end
 * a command early, start another one, or add a property.
 */
final class WorkflowCommands {
    private WorkflowCommands() {}

    /** One diagnostic: error, warning or notice at its span, the note (if any) on the next line of the message. */
    static String of(Diagnostic d) {
        String level = switch (d.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "notice";
        };
        Span s = d.span();
        String message = d.message();
        if (d.note() != null) {
            message += "\n" + (d.noteSpan() != null ? d.noteSpan() + ": " : "") + "note: " + d.note();
        }
        int endLine = s.source().line(s.end());
        int endCol = s.source().column(s.end());
        return command(level, s.source().path(), s.line(), s.column(), endLine, endCol, "vigil check", message);
    }

    /**
     * {@code ::level file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message}; {@code col} and the end are
     * left out when not positive.
     */
    static String command(String level, String file, int line, int col, int endLine, int endColumn, String title,
                          String message) {
        StringBuilder out = new StringBuilder("::").append(level).append(" file=").append(property(file))
                .append(",line=").append(line);
        if (col > 0) out.append(",col=").append(col);
        // GitHub draws a column range only on one line; across lines it takes the lines alone.
        if (endLine > 0) {
            out.append(",endLine=").append(endLine);
            if (endLine == line && endColumn > col) out.append(",endColumn=").append(endColumn);
        }
        out.append(",title=").append(property(title));
        return out.append("::").append(data(message)).toString();
    }

    /** The message of a workflow command. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value of a workflow command. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
