package io.vigil.ast;

import java.util.List;

/** Renders diagnostics in the one format of language.md §6: location line, source line, caret. */
public final class DiagnosticPrinter {
    /** Longest stretch of a source line shown under a message, in code points. */
    private static final int MAX_SHOWN = 160;

    private DiagnosticPrinter() {}

    /** {@code path:line:col: error: message}, then the source line and a caret under the column. */
    public static String render(Diagnostic d) {
        StringBuilder out = new StringBuilder();
        appendLocated(out, d.span(), d.severity().label(), d.message());
        if (d.noteSpan() != null) appendLocated(out, d.noteSpan(), "note", d.note());
        return out.toString();
    }

    public static String render(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) out.append(render(d));
        return out.toString();
    }

    /**
     * A message on one line with control characters escaped: messages quote user text (zone names, cron
     * fields), which must not move the cursor or recolour a terminal.
     */
    private static String visible(String message) {
        StringBuilder out = new StringBuilder();
        message.codePoints().forEach(cp -> {
            if (cp == '\n') out.append("\\n");
            else if (cp == '\t') out.append("\\t");
            else if (isControl(cp)) out.append(String.format("\\u%04X", cp));
            else out.appendCodePoint(cp);
        });
        return out.toString();
    }

    /** The source line with each control character but tab replaced by U+FFFD, one for one, so the caret stays put. */
    private static String shown(String line) {
        StringBuilder out = new StringBuilder();
        line.codePoints().forEach(cp -> out.appendCodePoint(cp != '\t' && isControl(cp) ? 0xFFFD : cp));
        return out.toString();
    }

    private static boolean isControl(int cp) {
        return Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    private static void appendLocated(StringBuilder out, Span span, String kind, String message) {
        Source src = span.source();
        int line = span.line();
        int col = span.column();
        out.append(src.path()).append(':').append(line).append(':').append(col)
                .append(": ").append(kind).append(": ").append(visible(message)).append('\n');
        int lineStart = src.lineStart(line);
        int length = src.lineEnd(line) - lineStart;
        int caretAt = col - 1;
        int from = 0;
        int to = length;
        String before = "";
        String after = "";
        if (length > MAX_SHOWN) {
            // A very long line (generated or minified) is cut to a window around the column.
            from = Math.max(0, Math.min(caretAt - MAX_SHOWN / 2, length - MAX_SHOWN));
            to = Math.min(length, from + MAX_SHOWN);
            before = from > 0 ? "..." : "";
            after = to < length ? "..." : "";
        }
        // Indexed from the line start, so cps[i - from] is column i + 1.
        int[] cps = shown(src.slice(lineStart + from, lineStart + to)).codePoints().toArray();
        out.append(before).append(new String(cps, 0, cps.length)).append(after).append('\n');
        StringBuilder caret = new StringBuilder(" ".repeat(before.length()));
        // Keep tabs so the caret lines up under tab-indented code.
        for (int i = from; i < caretAt && i < to; i++) caret.append(cps[i - from] == '\t' ? '\t' : ' ');
        for (int i = Math.max(from, to); i < caretAt; i++) caret.append(' ');
        caret.append('^');
        out.append(caret).append('\n');
    }
}
