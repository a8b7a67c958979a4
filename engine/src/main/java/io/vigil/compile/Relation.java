package io.vigil.compile;

import io.vigil.ast.Expr.BinaryOp;
import io.vigil.plan.Node;

/** The comparison a {@link Step} applies; NONE for steps that compare nothing. */
public enum Relation {
    NONE(""), LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

    public final String symbol;

    Relation(String symbol) { this.symbol = symbol; }

    /** The relation of the step a node becomes: a filter's, a vector comparison's, else NONE. */
    static Relation of(Node n) {
        if (n instanceof Node.Filter f) return of(f.op());
        if (n instanceof Node.Vector v && v.op().isComparison()) return of(v.op());
        return NONE;
    }

    static Relation of(BinaryOp op) {
        return switch (op) {
            case LT -> LT;
            case LE -> LE;
            case GT -> GT;
            case GE -> GE;
            case EQ -> EQ;
            case NE -> NE;
            default -> throw new IllegalArgumentException("not a comparison: " + op.symbol);
        };
    }
}
