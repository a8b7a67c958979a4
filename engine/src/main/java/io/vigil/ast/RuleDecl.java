package io.vigil.ast;

import java.util.List;

/** {@code rule <name> { clauses... }} as written, before model defaults are applied. */
public record RuleDecl(Name name, List<Clause> clauses, Span span) {
    public RuleDecl { clauses = List.copyOf(clauses); }

    /** Span of the {@code rule} keyword, where a missing clause is reported. */
    public Span keywordSpan() { return new Span(span.source(), span.start(), span.start() + 4); }
}
