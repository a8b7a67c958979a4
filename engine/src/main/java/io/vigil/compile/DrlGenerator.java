package io.vigil.compile;

import io.vigil.ast.Expr.BinaryOp;
import io.vigil.plan.Node;
import io.vigil.plan.Projection;
import io.vigil.plan.RulePlan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the DRL of one KieBase: one Drools rule per fact-producing condition-tree node (two for
 * {@code or}, plus two error rules per one-to-one match), so Drools does the label-matched joins,
 * comparisons, set operations and aggregation. Comparisons with a constant become alpha constraints
 * on the consumer's pattern ({@code cmp > 0.2}); joins are equality on the precomputed {@code key}.
 * Salience is the node's depth, so a node's rule fires only after all its descendants have inserted
 * everything ({@code not}, {@code exists} and {@code accumulate} see complete inputs). Text from rule
 * files reaches the output only through {@link DrlText}.
 */
final class DrlGenerator {

    /** A {@code Value( ... )} pattern: the fact node and the constraints of filters folded into it. */
    private record Pattern(int node, Set<String> constraints) {
        Pattern with(String... more) {
            Set<String> c = new LinkedHashSet<>(constraints);
            c.addAll(List.of(more));
            return new Pattern(node, c);
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("Value( node == ").append(node);
            for (String c : constraints) out.append(", ").append(c);
            return out.append(" )").toString();
        }
    }

    private static final String NOT_NAN = "nan == false";

    private final ChunkLayout layout;
    private final StringBuilder out = new StringBuilder();
    private int rule;
    private RulePlan plan;

    private DrlGenerator(ChunkLayout layout) {
        this.layout = layout;
    }

    static String generate(String packageName, ChunkLayout layout) {
        return new DrlGenerator(layout).run(packageName);
    }

    private String run(String packageName) {
        out.append("package ").append(packageName).append(";\n\n")
                .append("import io.vigil.compile.Value;\n\n")
                .append("global io.vigil.compile.EvalContext ctx;\n\n");
        List<Projection> projections = layout.projections();
        for (int i = 0; i < projections.size(); i++) {
            line(DrlText.comment("projection " + i + " = " + projections.get(i).describe()));
        }
        for (ChunkLayout.Input in : layout.inputs()) {
            line(DrlText.comment("input node " + in.node() + " = operand " + in.operand() + ": "
                    + in.source().describe() + ", keyed " + in.key().describe()));
        }
        for (rule = 0; rule < layout.plans().size(); rule++) {
            plan = layout.plans().get(rule);
            out.append('\n');
            line(DrlText.comment("rule " + rule + ": " + plan.id() + " (" + plan.rule().location() + ")"));
            line(DrlText.comment("when " + plan.rule().when().span().text().replaceAll("\\s+", " ")));
            for (Node n : plan.nodes()) emitNode(n);
            Node root = plan.root();
            if (root instanceof Node.Input || root instanceof Node.Filter) {
                ruleHeader(root, "", 0);
                line("    $a : " + pattern(root));
                then("ctx.breach( " + rule + ", $a, -1, $a.value() )");
            } else if (root instanceof Node.Constant c) {
                if (c.holds()) {
                    ruleHeader(root, "", 0);
                    then("ctx.constant( " + rule + ", " + DrlText.number(c.value()) + " )");
                } else {
                    line(DrlText.comment("the condition is constant and never holds: no Drools rule"));
                }
            }
        }
        return out.toString();
    }

    private void emitNode(Node n) {
        if (n instanceof Node.Scale s) scale(s);
        else if (n instanceof Node.Vector v) vector(v);
        else if (n instanceof Node.SetOp o) setOp(o);
        else if (n instanceof Node.Aggregate a) aggregate(a);
    }

    private void scale(Node.Scale s) {
        ruleHeader(s, "", s.depth());
        line("    $a : " + pattern(s.child()));
        String scalar = "(" + DrlText.number(s.scalar()) + ")";
        String value = s.scalarLeft() ? scalar + " " + s.op().symbol + " $a.value()"
                : "$a.value() " + s.op().symbol + " " + scalar;
        emit(s, "$a", s.child().key(), -1, value);
    }

    private void vector(Node.Vector v) {
        Pattern left = pattern(v.left());
        Pattern right = pattern(v.right());
        int labels = v.matching().equals(Projection.ALL) ? -1 : layout.projection(v.matching());
        ruleHeader(v, "", v.depth());
        if (v.op().isComparison()) {
            line("    $l : " + left.with(NOT_NAN));
            line("    $r : " + right.with("key == $l.key", NOT_NAN, "$l.cmp " + drlOp(v.op()) + " cmp"));
            emit(v, "$l", v.matching(), labels, "$l.value()");
        } else {
            line("    $l : " + left);
            line("    $r : " + right.with("key == $l.key"));
            emit(v, "$l", v.matching(), labels, "$l.value() " + v.op().symbol + " $r.value()");
        }
        for (boolean leftSide : new boolean[] {true, false}) {
            String self = leftSide ? "$l" : "$r";
            ruleHeader(v, leftSide ? ".many-right" : ".many-left", v.depth());
            line("    " + self + " : " + (leftSide ? left : right));
            line("    accumulate( " + (leftSide ? right : left).with("key == " + self + ".key")
                    + "; $n : count(); $n > 1 )");
            then("ctx.mismatch( " + rule + ", " + v.id() + ", " + self + ", $n, " + leftSide + " )");
        }
    }

    private void setOp(Node.SetOp o) {
        Pattern left = pattern(o.left());
        Pattern right = pattern(o.right());
        ruleHeader(o, o.op() == BinaryOp.OR ? ".left" : "", o.depth());
        line("    $l : " + left);
        if (o.op() == BinaryOp.AND) line("    exists( " + right.with("key == $l.key") + " )");
        if (o.op() == BinaryOp.UNLESS) line("    not( " + right.with("key == $l.key") + " )");
        emit(o, "$l", o.matching(), -1, "$l.value()");
        if (o.op() == BinaryOp.OR) {
            ruleHeader(o, ".right", o.depth());
            line("    $r : " + right);
            line("    not( " + left.with("key == $r.key") + " )");
            emit(o, "$r", o.matching(), -1, "$r.value()");
        }
    }

    private void aggregate(Node.Aggregate a) {
        Pattern in = pattern(a.child());
        String fn = a.function();
        boolean extreme = fn.equals("max_of") || fn.equals("min_of");
        // max/min skip NaN unless every element is NaN (as Prometheus); sum and avg propagate it.
        Pattern source = extreme ? in.with("key == $f.key", NOT_NAN, "$x : cmp") : in.with("key == $f.key", "$x : value");
        String function = switch (fn) {
            case "count_of" -> "count()";
            case "sum_of" -> "sum( $x )";
            case "avg_of" -> "average( $x )";
            // count() makes the accumulate fire even when every element is NaN (then max over nothing is null)
            case "max_of" -> "max( $x ), $n : count()";
            case "min_of" -> "min( $x ), $n : count()";
            default -> throw new IllegalArgumentException(fn);
        };
        int labels = layout.projection(a.by());
        ruleHeader(a, "", a.depth());
        line("    $f : " + in);
        line("    not( " + in.with("key == $f.key", "seq < $f.seq") + " )");
        line("    accumulate( " + (fn.equals("count_of") ? in.with("key == $f.key") : source) + "; $v : " + function + " )");
        emit(a, "$f", a.by(), labels, extreme ? "$v == null ? Double.NaN : $v.doubleValue()" : "$v.doubleValue()");
    }

    /**
     * The consequence: a breach when {@code n} is the root, else an intermediate fact keyed for n's consumer.
     *
     * @param srcKey the projection {@code src}'s key was made with
     */
    private void emit(Node n, String src, Projection srcKey, int labels, String value) {
        if (n == plan.root()) {
            then("ctx.breach( " + rule + ", " + src + ", " + labels + ", " + value + " )");
            return;
        }
        int key = srcKey.equals(n.key()) ? -1 : layout.projection(n.key());
        then("ctx.derive( " + layout.factNode(rule, n) + ", " + src + ", " + labels + ", " + key + ", " + value + " )");
    }

    /** The pattern matching the elements of {@code n}: its own facts, or its child's facts through filters. */
    private Pattern pattern(Node n) {
        if (n instanceof Node.Filter f) {
            return pattern(f.child()).with(NOT_NAN, "cmp " + drlOp(f.op()) + " " + DrlText.number(f.bound()));
        }
        return new Pattern(layout.factNode(rule, n), new LinkedHashSet<>());
    }

    private void ruleHeader(Node n, String part, int salience) {
        out.append('\n');
        line("rule " + DrlText.string(plan.id() + "#" + n.id() + part + " " + plan.rule().location()));
        line("salience " + salience);
        line("when");
    }

    private void then(String insert) {
        line("then");
        line("    insert( " + insert + " );");
        line("end");
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    private static String drlOp(BinaryOp op) {
        if (!op.isComparison()) throw new IllegalArgumentException(op.symbol);
        return op.symbol;
    }
}
