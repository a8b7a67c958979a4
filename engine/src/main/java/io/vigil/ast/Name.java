package io.vigil.ast;

/** An identifier as written: a model, rule, metric, label, channel, action or function name. */
public record Name(String text, Span span) {
    @Override
    public String toString() { return text; }
}
