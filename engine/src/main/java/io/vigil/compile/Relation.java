package io.vigil.compile;

import io.vigil.ast.Expr.BinaryOp;

/** The comparison a {@link Step} applies; NONE for steps that compare nothing. */
public enum Relation {
    NONE(""), LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

    public final String symbol;

    Relation(String symbol) { this.symbol = symbol; }

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
