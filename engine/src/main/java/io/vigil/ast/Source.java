package io.vigil.ast;

import java.util.Arrays;

/** One rule file's text; turns code-point offsets into 1-based line and column only when asked. */
public final class Source {
    private final String path;
    private final String text;
    private final int[] codePoints;
    private final int[] lineStarts;

    public Source(String path, String text) {
        this.path = path;
        this.text = text;
        this.codePoints = text.codePoints().toArray();
        int lines = 1;
        for (int cp : codePoints) if (cp == '\n') lines++;
        this.lineStarts = new int[lines];
        int line = 1;
        for (int i = 0; i < codePoints.length; i++) {
            if (codePoints[i] == '\n') lineStarts[line++] = i + 1;
        }
    }

    public String path() { return path; }

    public String text() { return text; }

    /** Length in code points, which is what ANTLR's offsets count. */
    public int length() { return codePoints.length; }

    /** The code point at a code-point offset. */
    public int codePointAt(int offset) { return codePoints[offset]; }

    /** 1-based line of a code-point offset. */
    public int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, Math.min(offset, codePoints.length));
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** 1-based column of a code-point offset, counted in code points. */
    public int column(int offset) {
        return Math.min(offset, codePoints.length) - lineStarts[line(offset) - 1] + 1;
    }

    /** The text of a 1-based line without its line terminator. */
    public String lineText(int line) {
        return slice(lineStart(line), lineEnd(line));
    }

    /** Code-point offset where a 1-based line starts. */
    public int lineStart(int line) {
        return lineStarts[line - 1];
    }

    /** Code-point offset where a 1-based line ends, before its line terminator. */
    public int lineEnd(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : codePoints.length;
        if (end > start && codePoints[end - 1] == '\r') end--;
        return Math.max(start, end);
    }

    /** The source text between two code-point offsets. */
    public String slice(int start, int end) {
        return new String(codePoints, start, end - start);
    }

    @Override
    public String toString() { return path; }
}
