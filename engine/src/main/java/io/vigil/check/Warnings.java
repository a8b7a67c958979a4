package io.vigil.check;

import io.vigil.ast.Diagnostic;
import io.vigil.ast.Expr;
import java.util.List;

/** Threshold warnings of language.md §6: p-values compared with {@code >}, bounded statistics out of [0, 1]. */
final class Warnings {
    private Warnings() {}

    static void thresholds(Expr e, List<Diagnostic> out) {
        if (e instanceof Expr.Binary b) {
            if (b.op().isComparison()) compare(b, out);
            thresholds(b.left(), out);
            thresholds(b.right(), out);
        } else if (e instanceof Expr.Unary u) {
            thresholds(u.operand(), out);
        } else if (e instanceof Expr.Between b) {
            thresholds(b.subject(), out);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> thresholds(a.value(), out));
        }
    }

    private static void compare(Expr.Binary b, List<Diagnostic> out) {
        // Normalise "0.6 < ks_pvalue(...)" to "ks_pvalue(...) > 0.6".
        boolean statLeft = b.left() instanceof Expr.Call && b.right() instanceof Expr.Number;
        boolean statRight = b.right() instanceof Expr.Call && b.left() instanceof Expr.Number;
        if (!statLeft && !statRight) return;
        Expr.Call stat = (Expr.Call) (statLeft ? b.left() : b.right());
        Expr.Number threshold = (Expr.Number) (statLeft ? b.right() : b.left());
        String fn = stat.function().text();
        Expr.BinaryOp op = b.op();
        boolean greater = statLeft ? (op == Expr.BinaryOp.GT || op == Expr.BinaryOp.GE)
                : (op == Expr.BinaryOp.LT || op == Expr.BinaryOp.LE);
        if (Functions.P_VALUES.contains(fn) && greater && threshold.value() >= 0.5) {
            out.add(Diagnostic.warning(b.opSpan(), Messages.pValueGreater(fn, threshold.value())));
        }
        if (Functions.BOUNDED.contains(fn) && (threshold.value() < 0 || threshold.value() > 1)) {
            out.add(Diagnostic.warning(threshold.span(), Messages.boundedThreshold(fn, threshold.value())));
        }
    }
}
