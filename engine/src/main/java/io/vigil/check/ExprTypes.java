package io.vigil.check;

import io.vigil.ast.Expr;

/** The static type of an expression that has passed the checker (language.md §3.7). */
public final class ExprTypes {
    private ExprTypes() {}

    public static Type typeOf(Expr e) {
        if (e instanceof Expr.Number) return Type.SCALAR;
        if (e instanceof Expr.DurationExpr) return Type.DURATION;
        if (e instanceof Expr.Str || e instanceof Expr.Wildcard || e instanceof Expr.StringList || e instanceof Expr.Regex
                || e instanceof Expr.LabelSet) {
            return Type.STRING;
        }
        if (e instanceof Expr.Call c && ElementFunction.byText(c.function().text()) != null && !c.args().isEmpty()) {
            return typeOf(c.args().get(0).value());
        }
        if (e instanceof Expr.Selector || e instanceof Expr.Call) return Type.SERIES;
        if (e instanceof Expr.Unary u) return u.op() == Expr.UnaryOp.NOT ? Type.BOOL : typeOf(u.operand());
        if (e instanceof Expr.Binary b) {
            boolean series = typeOf(b.left()) == Type.SERIES || typeOf(b.right()) == Type.SERIES;
            if (b.op().isArithmetic()) return series ? Type.SERIES : Type.SCALAR;
            return series ? Type.SERIES : Type.BOOL;
        }
        return typeOf(((Expr.Between) e).subject()) == Type.SERIES ? Type.SERIES : Type.BOOL;
    }
}
