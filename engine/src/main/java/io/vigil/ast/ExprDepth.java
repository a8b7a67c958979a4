package io.vigil.ast;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Bounds how deep an expression tree may be, so every phase that walks it recursively (checker, compiler,
 * evaluator) is safe from stack overflow. Long chains such as {@code a + b + c ...} nest too: they fold
 * to the left.
 */
final class ExprDepth {
    private ExprDepth() {}

    /** More operators deep than any hand-written rule needs; recursion at this depth is cheap. */
    static final int MAX_DEPTH = 256;

    static String tooDeep(int limit) {
        return "expression nested too deeply (more than " + limit + " levels)";
    }

    /** An error for the first expression of the file that is too deep, or null. */
    static Diagnostic check(RuleFile file) {
        for (ModelBlock block : file.models()) {
            for (RuleDecl rule : block.rules()) {
                for (Clause c : rule.clauses()) {
                    if (c instanceof Clause.When w) {
                        Expr deep = deeperThanLimit(w.condition());
                        if (deep != null) return Diagnostic.error(deep.span(), tooDeep(MAX_DEPTH));
                    }
                }
            }
            for (Clause c : block.defaults()) {
                if (c instanceof Clause.When w && deeperThanLimit(w.condition()) != null) {
                    return Diagnostic.error(w.condition().span(), tooDeep(MAX_DEPTH));
                }
            }
        }
        return null;
    }

    /** A node below the depth limit, found without recursion, or null. */
    private static Expr deeperThanLimit(Expr root) {
        record Entry(Expr expr, int depth) {}
        Deque<Entry> stack = new ArrayDeque<>();
        stack.push(new Entry(root, 1));
        while (!stack.isEmpty()) {
            Entry e = stack.pop();
            if (e.depth() > MAX_DEPTH) return e.expr();
            int d = e.depth() + 1;
            if (e.expr() instanceof Expr.Binary b) {
                stack.push(new Entry(b.right(), d));
                stack.push(new Entry(b.left(), d));
            } else if (e.expr() instanceof Expr.Unary u) {
                stack.push(new Entry(u.operand(), d));
            } else if (e.expr() instanceof Expr.Between b) {
                stack.push(new Entry(b.high(), d));
                stack.push(new Entry(b.low(), d));
                stack.push(new Entry(b.subject(), d));
            } else if (e.expr() instanceof Expr.Call c) {
                for (Expr.Arg a : c.args()) stack.push(new Entry(a.value(), d));
            }
        }
        return null;
    }
}
