package io.vigil.diff;

import io.vigil.ast.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where two conditions differ: both trees are walked together while their shape agrees (same operator,
 * function, arguments and grouping), and each place where they stop agreeing is reported as the smallest
 * comparison around it, with the threshold on each side when a constant of that comparison changed.
 */
final class ConditionDiff {
    private ConditionDiff() {}

    /**
     * One changed part of a condition.
     *
     * @param before       the comparison (or the smallest changed expression outside any) in the old rule
     * @param after        the same in the new rule
     * @param oldThreshold the constant the old comparison used, when that is what changed; else null
     * @param newThreshold the new constant, or null
     */
    record Change(String before, String after, String oldThreshold, String newThreshold) {}

    static List<Change> between(Expr before, Expr after) {
        Map<List<String>, Change> changes = new LinkedHashMap<>();
        walk(before, after, null, null, changes);
        return List.copyOf(changes.values());
    }

    private static void walk(Expr a, Expr b, Expr cmpA, Expr cmpB, Map<List<String>, Change> out) {
        if (ExprText.of(a).equals(ExprText.of(b))) return;
        if (isComparison(a) && isComparison(b)) {
            cmpA = a;
            cmpB = b;
        }
        List<Expr[]> children = sameHead(a, b);
        if (children != null && !children.isEmpty()) {
            boolean any = false;
            for (Expr[] pair : children) {
                if (!ExprText.of(pair[0]).equals(ExprText.of(pair[1]))) {
                    walk(pair[0], pair[1], cmpA, cmpB, out);
                    any = true;
                }
            }
            if (any) return;
        }
        Expr shownA = cmpA != null ? cmpA : a;
        Expr shownB = cmpB != null ? cmpB : b;
        String oldT = null;
        String newT = null;
        if (a instanceof Expr.Number na && b instanceof Expr.Number nb) {
            oldT = ExprText.number(na.value());
            newT = ExprText.number(nb.value());
        } else if (a == cmpA && b == cmpB) {
            oldT = threshold(a);
            newT = threshold(b);
            if (Objects.equals(oldT, newT)) oldT = newT = null;
        }
        List<String> key = List.of(ExprText.of(shownA), ExprText.of(shownB));
        Change prior = out.get(key);
        if (prior != null && prior.oldThreshold() != null) return; // a threshold already explains this comparison
        out.put(key, new Change(key.get(0), key.get(1), oldT, newT));
    }

    private static boolean isComparison(Expr e) {
        return (e instanceof Expr.Binary bin && bin.op().isComparison()) || e instanceof Expr.Between;
    }

    /** The constant side of a comparison, or null when neither side is a plain number. */
    private static String threshold(Expr cmp) {
        if (cmp instanceof Expr.Binary b) {
            if (b.right() instanceof Expr.Number n) return ExprText.number(n.value());
            if (b.left() instanceof Expr.Number n) return ExprText.number(n.value());
        }
        if (cmp instanceof Expr.Between b && b.low() instanceof Expr.Number lo && b.high() instanceof Expr.Number hi) {
            return ExprText.number(lo.value()) + ".." + ExprText.number(hi.value());
        }
        return null;
    }

    /** The pairs of children to compare when both nodes have the same head, else null. */
    private static List<Expr[]> sameHead(Expr a, Expr b) {
        List<Expr[]> pairs = new ArrayList<>();
        if (a instanceof Expr.Binary x && b instanceof Expr.Binary y) {
            if (x.op() != y.op() || !matching(x.matching()).equals(matching(y.matching()))) return null;
            pairs.add(new Expr[] {x.left(), y.left()});
            pairs.add(new Expr[] {x.right(), y.right()});
            return pairs;
        }
        if (a instanceof Expr.Unary x && b instanceof Expr.Unary y) {
            if (x.op() != y.op()) return null;
            pairs.add(new Expr[] {x.operand(), y.operand()});
            return pairs;
        }
        if (a instanceof Expr.Between x && b instanceof Expr.Between y) {
            pairs.add(new Expr[] {x.subject(), y.subject()});
            pairs.add(new Expr[] {x.low(), y.low()});
            pairs.add(new Expr[] {x.high(), y.high()});
            return pairs;
        }
        if (a instanceof Expr.Call x && b instanceof Expr.Call y) {
            if (!x.function().text().equals(y.function().text()) || !by(x).equals(by(y))) return null;
            List<Expr.Arg> px = x.positional();
            List<Expr.Arg> py = y.positional();
            if (px.size() != py.size()) return null;
            for (int i = 0; i < px.size(); i++) pairs.add(new Expr[] {px.get(i).value(), py.get(i).value()});
            Map<String, Expr> nx = named(x);
            Map<String, Expr> ny = named(y);
            if (!nx.keySet().equals(ny.keySet())) return null;
            nx.forEach((name, v) -> pairs.add(new Expr[] {v, ny.get(name)}));
            return pairs;
        }
        return null;
    }

    private static String matching(Expr.Matching m) {
        if (m == null) return "";
        return (m.on() ? "on" : "ignoring") + m.labels().stream().map(io.vigil.ast.Name::text).sorted().toList();
    }

    private static String by(Expr.Call c) {
        return c.by() == null ? "" : c.by().labels().stream().map(io.vigil.ast.Name::text).sorted().toList().toString();
    }

    private static Map<String, Expr> named(Expr.Call c) {
        Map<String, Expr> m = new java.util.TreeMap<>();
        for (Expr.Arg a : c.args()) if (a.name() != null) m.put(a.name().text(), a.value());
        return m;
    }
}
