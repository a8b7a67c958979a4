package io.vigil.compile;

import io.vigil.ast.Expr.BinaryOp;
import io.vigil.label.Quoting;
import io.vigil.plan.Node;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The DRL global {@code ctx} of one evaluation: builds the facts the rules of {@code vigil.drl} insert,
 * from the {@link StepProgram}'s Java-side details (label projections, source positions, operators),
 * and numbers every fact of the evaluation so each is distinct. Used by one session on one thread.
 */
public final class EvalContext {
    private static final SortedMap<String, String> NO_LABELS = Collections.unmodifiableSortedMap(new TreeMap<>());

    private final StepProgram program;
    private long seq;

    EvalContext(StepProgram program) {
        this.program = program;
    }

    /** An input element, keyed for the node that consumes it. */
    Value input(ChunkLayout.Input in, SortedMap<String, String> labels, double value) {
        return new Value(in.consumer(), in.relation(), in.node(), labels, in.key().key(labels), value, seq++);
    }

    /** The element step {@code s} makes of {@code src}: labels projected and keyed as its consumer needs. */
    public Value derive(Step s, Value src, double value) {
        StepProgram.Detail d = program.detail(s);
        SortedMap<String, String> labels = d.labels() < 0 ? src.labels()
                : program.layout().projections().get(d.labels()).apply(src.labels());
        String key = d.key() < 0 ? src.key() : program.layout().projections().get(d.key()).key(labels);
        return new Value(d.to().kind(), d.to().relation(), s.out(), labels, key, value, seq++);
    }

    /** Series ⊗ scalar, in the order the rule wrote them. */
    public double scale(Step s, double value) {
        Node.Scale n = (Node.Scale) program.detail(s).node();
        return n.scalarLeft() ? apply(n.op(), n.scalar(), value) : apply(n.op(), value, n.scalar());
    }

    /** An element-wise function ({@code abs}, {@code clamp_min}, …) of one element's value. */
    public double apply(Step s, double value) {
        Node.Apply n = (Node.Apply) program.detail(s).node();
        return n.function().apply(value, n.bound());
    }

    /** Series ⊗ series, left and right matched one to one. */
    public double combine(Step s, double left, double right) {
        return apply(program.arithmetic(s), left, right);
    }

    /** An element of a rule's final result. */
    public Breach breach(Step s, Value v) {
        return new Breach(program.detail(s).rule(), v.labels(), v.value());
    }

    /** The one instance of a rule whose condition is a constant that holds. */
    public Breach constant(Step s) {
        return new Breach(program.detail(s).rule(), NO_LABELS, s.number());
    }

    /** One-to-one matching failed: {@code element} matches {@code matches} elements on the other side. */
    public EvalError mismatch(Step s, Value element, long matches, boolean elementOnLeft) {
        StepProgram.Detail d = program.detail(s);
        Node.Vector v = (Node.Vector) d.node();
        String side = elementOnLeft ? "left" : "right";
        String other = elementOnLeft ? "right" : "left";
        return new EvalError(d.rule(), String.format("%s: one-to-one matching of '%s' %s: the %s element %s matches %d "
                        + "elements on the %s; narrow the match with on(...) or ignoring(...) or aggregate first",
                v.span(), v.op().symbol, v.matching().describe(), side, Quoting.labels(element.labels()), matches,
                other));
    }

    private static double apply(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            default -> throw new IllegalArgumentException("not arithmetic: " + op.symbol);
        };
    }
}
