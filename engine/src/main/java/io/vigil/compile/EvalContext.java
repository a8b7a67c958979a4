package io.vigil.compile;

import io.vigil.plan.Node;
import io.vigil.plan.Projection;
import io.vigil.plan.Quoting;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The DRL global {@code ctx} of one evaluation: builds the facts that generated rules insert. It holds
 * what must not be spelled in DRL (label names of projections, source positions for messages) and the
 * sequence numbers that make every fact of an evaluation distinct. Used by one session on one thread.
 */
public final class EvalContext {
    private static final SortedMap<String, String> NO_LABELS = Collections.unmodifiableSortedMap(new TreeMap<>());

    private final ChunkLayout layout;
    private long seq;

    EvalContext(ChunkLayout layout) {
        this.layout = layout;
    }

    /** An input element, keyed for the node that consumes it. */
    Value input(ChunkLayout.Input in, SortedMap<String, String> labels, double value) {
        return new Value(in.node(), labels, in.key().key(labels), value, seq++);
    }

    /**
     * An element of an intermediate result built from {@code src}.
     *
     * @param labelsProjection index of the projection applied to {@code src}'s labels, or -1 to keep them
     * @param keyProjection    index of the projection that makes the new key, or -1 to keep {@code src}'s key
     */
    public Value derive(int node, Value src, int labelsProjection, int keyProjection, double value) {
        SortedMap<String, String> labels = labels(src, labelsProjection);
        String key = keyProjection < 0 ? src.key() : layout.projections().get(keyProjection).key(labels);
        return new Value(node, labels, key, value, seq++);
    }

    /** An element of a rule's final result. */
    public Breach breach(int rule, Value src, int labelsProjection, double value) {
        return new Breach(rule, labels(src, labelsProjection), value);
    }

    /** The one instance of a rule whose condition is a constant that holds. */
    public Breach constant(int rule, double value) {
        return new Breach(rule, NO_LABELS, value);
    }

    /** One-to-one matching failed: {@code element} matches {@code matches} elements on the other side. */
    public EvalError mismatch(int rule, int node, Value element, long matches, boolean elementOnLeft) {
        Node.Vector v = (Node.Vector) layout.plans().get(rule).nodes().get(node);
        String side = elementOnLeft ? "left" : "right";
        String other = elementOnLeft ? "right" : "left";
        return new EvalError(rule, String.format("%s: one-to-one matching of '%s' %s: the %s element %s matches %d "
                        + "elements on the %s; narrow the match with on(...) or ignoring(...) or aggregate first",
                v.span(), v.op().symbol, v.matching().describe(), side, Quoting.labels(element.labels()), matches,
                other));
    }

    private SortedMap<String, String> labels(Value src, int projection) {
        return projection < 0 ? src.labels() : layout.projections().get(projection).apply(src.labels());
    }
}
