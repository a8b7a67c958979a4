package io.vigil.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints a parsed file as indented S-expressions, each node with the {@code @line:col} of its start, for
 * parse golden files. A node that fits in 90 columns is printed on one line.
 */
public final class AstPrinter {
    private AstPrinter() {}

    /** A node: its head (kind, details, position) and its children. */
    private record Node(String head, List<Node> children) {
        static Node of(String head, Span at, Node... children) {
            return new Node(head + " @" + at.line() + ":" + at.column(), List.of(children));
        }

        String oneLine() {
            StringBuilder out = new StringBuilder("(").append(head);
            for (Node c : children) out.append(' ').append(c.oneLine());
            return out.append(')').toString();
        }

        void print(StringBuilder out, int indent) {
            String line = oneLine();
            if (indent + line.length() <= 90 || children.isEmpty()) {
                out.append(" ".repeat(indent)).append(line).append('\n');
                return;
            }
            out.append(" ".repeat(indent)).append('(').append(head).append('\n');
            for (Node c : children) c.print(out, indent + 2);
            out.setLength(out.length() - 1);
            out.append(")\n");
        }
    }

    public static String print(RuleFile file) {
        StringBuilder out = new StringBuilder();
        for (ModelBlock m : file.models()) model(m).print(out, 0);
        return out.toString();
    }

    private static Node model(ModelBlock m) {
        List<Node> children = new ArrayList<>();
        m.defaults().forEach(c -> children.add(clause(c)));
        m.rules().forEach(r -> children.add(rule(r)));
        return new Node("model " + m.name().text() + " @" + pos(m.span()), children);
    }

    private static Node rule(RuleDecl r) {
        return new Node("rule " + r.name().text() + " @" + pos(r.span()), r.clauses().stream().map(AstPrinter::clause).toList());
    }

    private static Node clause(Clause c) {
        Span s = c.span();
        if (c instanceof Clause.Every x) return Node.of("every", s, duration(x.interval()));
        if (c instanceof Clause.Cron x) return Node.of("cron", s, string(x.expression()));
        if (c instanceof Clause.Timezone x) return Node.of("timezone", s, string(x.zone()));
        if (c instanceof Clause.Baseline x) return Node.of("baseline", s, string(x.name()));
        if (c instanceof Clause.Staleness x) return Node.of("staleness", s, duration(x.limit()));
        if (c instanceof Clause.Notify x) {
            List<Node> children = new ArrayList<>(x.channels().stream().map(AstPrinter::name).toList());
            if (x.repeat() != null) children.add(Node.of("repeat", x.repeat().span(), duration(x.repeat())));
            return new Node("notify @" + pos(s), children);
        }
        if (c instanceof Clause.Labels x) {
            return new Node("labels @" + pos(s), x.pairs().stream()
                    .map(p -> Node.of(p.key().text() + ":", p.span(), string(p.value()))).toList());
        }
        if (c instanceof Clause.SeverityClause x) return Node.of("severity", s, name(x.level()));
        if (c instanceof Clause.When x) return Node.of("when", s, expr(x.condition()));
        if (c instanceof Clause.For x) return Node.of("for", s, duration(x.duration()));
        if (c instanceof Clause.KeepFiringFor x) return Node.of("keep_firing_for", s, duration(x.duration()));
        if (c instanceof Clause.Summary x) return Node.of("summary", s, string(x.template()));
        if (c instanceof Clause.Description x) return Node.of("description", s, string(x.template()));
        if (c instanceof Clause.Runbook x) return Node.of("runbook", s, string(x.url()));
        Clause.Trigger t = (Clause.Trigger) c;
        List<Node> children = new ArrayList<>(List.of(name(t.action())));
        if (t.cooldown() != null) children.add(Node.of("cooldown", t.cooldown().span(), duration(t.cooldown())));
        if (t.approvalRequired()) children.add(new Node("approval-required", List.of()));
        return new Node("trigger @" + pos(s), children);
    }

    private static Node expr(Expr e) {
        Span s = e.span();
        if (e instanceof Expr.Number n) return Node.of("num " + number(n.value()) + (n.percent() ? " pct" : ""), s);
        if (e instanceof Expr.DurationExpr d) return duration(d.duration());
        if (e instanceof Expr.Str str) return string(str.string());
        if (e instanceof Expr.Wildcard) return Node.of("*", s);
        if (e instanceof Expr.StringList l) return new Node("list @" + pos(s), l.items().stream().map(AstPrinter::string).toList());
        if (e instanceof Expr.Regex r) return Node.of("regex", s, string(r.pattern()));
        if (e instanceof Expr.Selector sel) return new Node("sel " + sel.metric().text() + " @" + pos(s), matchers(sel.matchers()));
        if (e instanceof Expr.LabelSet set) return new Node("labelset @" + pos(s), matchers(set.matchers()));
        if (e instanceof Expr.Call c) {
            List<Node> children = new ArrayList<>();
            for (Expr.Arg a : c.args()) {
                children.add(a.name() == null ? expr(a.value()) : Node.of(a.name().text() + "=", a.span(), expr(a.value())));
            }
            if (c.by() != null) {
                children.add(new Node("by @" + pos(c.by().span()), c.by().labels().stream().map(AstPrinter::name).toList()));
            }
            return new Node("call " + c.function().text() + " @" + pos(s), children);
        }
        if (e instanceof Expr.Unary u) return Node.of(u.op() == Expr.UnaryOp.NEG ? "neg" : "not", s, expr(u.operand()));
        if (e instanceof Expr.Binary b) {
            List<Node> children = new ArrayList<>();
            if (b.matching() != null) {
                children.add(new Node((b.matching().on() ? "on" : "ignoring") + " @" + pos(b.matching().span()),
                        b.matching().labels().stream().map(AstPrinter::name).toList()));
            }
            children.add(expr(b.left()));
            children.add(expr(b.right()));
            return new Node(b.op().symbol + " @" + pos(b.opSpan()) + " span " + pos(s), children);
        }
        Expr.Between b = (Expr.Between) e;
        return Node.of("between", s, expr(b.subject()), expr(b.low()), expr(b.high()));
    }

    private static List<Node> matchers(List<Expr.Matcher> matchers) {
        return matchers.stream().map(m -> Node.of(m.op().symbol + " " + m.label().text(), m.span(), string(m.value()))).toList();
    }

    private static Node name(Name n) {
        return new Node(n.text() + " @" + pos(n.span()), List.of());
    }

    private static Node duration(DurationLit d) {
        return Node.of("dur " + d.span().text() + " = " + d.value(), d.span());
    }

    private static Node string(StringLit s) {
        return Node.of("str " + quote(s.value()), s.span());
    }

    private static String pos(Span s) {
        return s.line() + ":" + s.column();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The value in double quotes, with quotes, backslashes and non-printing characters escaped. */
    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') out.append('\\').appendCodePoint(cp);
            else if (cp == '\n') out.append("\\n");
            else if (cp == '\t') out.append("\\t");
            else if (cp < 0x20 || cp > 0x7e) out.append(String.format("\\u{%X}", cp));
            else out.appendCodePoint(cp);
        });
        return out.append('"').toString();
    }
}
