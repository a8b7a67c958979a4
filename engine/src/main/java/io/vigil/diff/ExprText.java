package io.vigil.diff;

import io.vigil.ast.Expr;
import io.vigil.check.Durations;
import io.vigil.label.Quoting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An expression in one canonical spelling, so two conditions that differ only in layout, comments,
 * redundant parentheses, {@code 15%} versus {@code 0.15}, or the order of label matchers, named arguments
 * and {@code by} labels print the same; everything that changes what the condition selects or computes
 * prints differently.
 */
final class ExprText {
    private ExprText() {}

    static String of(Expr e) {
        StringBuilder out = new StringBuilder();
        write(e, out);
        return out.toString();
    }

    /** Binding strength, loosest first, as in the grammar: or; and/unless; not; comparisons; + -; * /; unary -. */
    private static int precedence(Expr e) {
        if (e instanceof Expr.Binary b) {
            return switch (b.op()) {
                case OR -> 1;
                case AND, UNLESS -> 2;
                case LT, LE, GT, GE, EQ, NE -> 4;
                case ADD, SUB -> 5;
                case MUL, DIV -> 6;
            };
        }
        if (e instanceof Expr.Unary u) return u.op() == Expr.UnaryOp.NOT ? 3 : 7;
        if (e instanceof Expr.Between) return 4;
        return 8;
    }

    private static void operand(Expr e, int atLeast, StringBuilder out) {
        boolean parens = precedence(e) < atLeast;
        if (parens) out.append('(');
        write(e, out);
        if (parens) out.append(')');
    }

    private static void write(Expr e, StringBuilder out) {
        if (e instanceof Expr.Number n) {
            out.append(number(n.value()));
        } else if (e instanceof Expr.DurationExpr d) {
            out.append(Durations.format(d.duration().value()));
        } else if (e instanceof Expr.Str s) {
            out.append(quote(s.string().value()));
        } else if (e instanceof Expr.Wildcard) {
            out.append('*');
        } else if (e instanceof Expr.Selector s) {
            out.append(s.metric().text());
            if (!s.matchers().isEmpty()) out.append(matchers(s.matchers()));
        } else if (e instanceof Expr.LabelSet l) {
            out.append(matchers(l.matchers()));
        } else if (e instanceof Expr.StringList l) {
            // a set of features: order and repeats select the same ones
            out.append('[').append(String.join(", ", l.items().stream().map(i -> quote(i.value())).distinct().sorted().toList()))
                    .append(']');
        } else if (e instanceof Expr.Regex r) {
            out.append('~').append(quote(r.pattern().value()));
        } else if (e instanceof Expr.Call c) {
            List<String> args = new ArrayList<>();
            List<String> named = new ArrayList<>();
            for (Expr.Arg a : c.args()) {
                if (a.name() == null) args.add(of(a.value()));
                else named.add(a.name().text() + "=" + of(a.value()));
            }
            named.sort(Comparator.naturalOrder());
            args.addAll(named);
            out.append(c.function().text()).append('(').append(String.join(", ", args)).append(')');
            if (c.by() != null) out.append(" by (").append(String.join(", ", sortedNames(c.by().labels()))).append(')');
        } else if (e instanceof Expr.Unary u) {
            out.append(u.op() == Expr.UnaryOp.NOT ? "not " : "-");
            operand(u.operand(), precedence(u), out);
        } else if (e instanceof Expr.Binary b) {
            int p = precedence(b);
            operand(b.left(), p, out);
            out.append(' ').append(b.op().symbol);
            if (b.matching() != null) {
                out.append(b.matching().on() ? " on(" : " ignoring(")
                        .append(String.join(", ", sortedNames(b.matching().labels()))).append(')');
            }
            out.append(' ');
            operand(b.right(), p + 1, out); // left-associative: an equal right operand needs parentheses
        } else if (e instanceof Expr.Between b) {
            operand(b.subject(), 5, out);
            out.append(" between ");
            operand(b.low(), 5, out);
            out.append(" and ");
            operand(b.high(), 5, out);
        } else {
            // a new kind of expression must get a spelling here, or changes to it would go unseen
            throw new IllegalArgumentException("no canonical spelling for " + e.getClass().getSimpleName());
        }
    }

    private static String matchers(List<Expr.Matcher> matchers) {
        List<String> ms = new ArrayList<>();
        for (Expr.Matcher m : matchers) ms.add(m.label().text() + m.op().symbol + quote(m.value().value()));
        ms.sort(Comparator.naturalOrder());
        return "{" + String.join(", ", ms) + "}";
    }

    private static List<String> sortedNames(List<io.vigil.ast.Name> names) {
        return names.stream().map(io.vigil.ast.Name::text).sorted().toList();
    }

    /** A number as short as reads back exactly: 0.15, 2, 1.0E-9. */
    static String number(double v) {
        return Durations.formatNumber(v);
    }

    /** A string in rule-file syntax: the one quoting the plan's descriptions use. */
    static String quote(String s) {
        return Quoting.quote(s);
    }
}
