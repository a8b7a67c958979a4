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
            if (b.subject() instanceof Expr.Call stat) {
                bounded(stat, b.low(), out);
                bounded(stat, b.high(), out);
            }
            thresholds(b.subject(), out);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> thresholds(a.value(), out));
        }
    }

    private static void compare(Expr.Binary b, List<Diagnostic> out) {
        // Normalise "0.6 < ks_pvalue(...)" to "ks_pvalue(...) > 0.6".
        boolean statLeft = b.left() instanceof Expr.Call && constant(b.right()) != null;
        boolean statRight = b.right() instanceof Expr.Call && constant(b.left()) != null;
        if (!statLeft && !statRight) return;
        Expr.Call stat = (Expr.Call) (statLeft ? b.left() : b.right());
        Expr threshold = statLeft ? b.right() : b.left();
        String fn = stat.function().text();
        Expr.BinaryOp op = b.op();
        boolean greater = statLeft ? (op == Expr.BinaryOp.GT || op == Expr.BinaryOp.GE)
                : (op == Expr.BinaryOp.LT || op == Expr.BinaryOp.LE);
        StatisticFunction f = StatisticRegistry.lookup(fn);
        if (f != null && f.isPValue() && greater && constant(threshold) >= 0.5) {
            out.add(Diagnostic.warning(b.opSpan(), Messages.pValueGreater(fn, threshold.span().text())));
        }
        bounded(stat, threshold, out);
    }

    private static void bounded(Expr.Call stat, Expr threshold, List<Diagnostic> out) {
        Double v = constant(threshold);
        String fn = stat.function().text();
        StatisticFunction f = StatisticRegistry.lookup(fn);
        if (v != null && f != null && f.bounded() && (v < 0 || v > 1)) {
            out.add(Diagnostic.warning(threshold.span(), Messages.boundedThreshold(fn, threshold.span().text())));
        }
    }

    /** The value of a literal number, possibly negated ({@code -0.1}), or null. */
    private static Double constant(Expr e) {
        if (e instanceof Expr.Number n) return n.value();
        if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) {
            Double inner = constant(u.operand());
            return inner == null ? null : -inner;
        }
        return null;
    }
}
