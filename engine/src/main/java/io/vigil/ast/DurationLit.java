package io.vigil.ast;

import java.time.Duration;

/** A duration literal such as {@code 1h30m}. */
public record DurationLit(Duration value, Span span) {
    @Override
    public String toString() { return span.text(); }
}
