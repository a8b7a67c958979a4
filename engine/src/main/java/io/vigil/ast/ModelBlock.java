package io.vigil.ast;

import java.util.List;

/** {@code model <name> { defaults... rules... }}; the defaults apply only to rules inside this block. */
public record ModelBlock(Name name, List<Clause> defaults, List<RuleDecl> rules, Span span) {
    public ModelBlock {
        defaults = List.copyOf(defaults);
        rules = List.copyOf(rules);
    }
}
