package io.vigil.ast;

/** A range of code points [start, end) in a source file; every AST node carries one. */
public record Span(Source source, int start, int end) {
    public Span {
        if (start < 0 || end < start) throw new IllegalArgumentException("bad span " + start + ".." + end);
    }

    /** A zero-width span at one offset, for diagnostics that point at a single character. */
    public static Span at(Source source, int offset) { return new Span(source, offset, offset); }

    /** The smallest span covering this and another span of the same file. */
    public Span to(Span other) {
        return new Span(source, Math.min(start, other.start), Math.max(end, other.end));
    }

    public int line() { return source.line(start); }

    public int column() { return source.column(start); }

    public String text() { return source.slice(start, end); }

    @Override
    public String toString() { return source.path() + ":" + line() + ":" + column(); }
}
