package io.vigil.template;

/**
 * One {@code | filter} of a placeholder.
 *
 * @param digits decimal places for {@link Op#ROUND}; 0 for the other filters
 * @param index  code-point index of the filter's name in the template text
 */
public record Filter(Op op, int digits, int index) {

    /** The filters of language.md §5. */
    public enum Op {
        /** {@code round(n)}: n decimal places, halves away from zero. */
        ROUND("round(n)", Field.Kind.NUMBER),
        /** {@code pct}: times 100, one decimal place, then {@code %}. */
        PCT("pct", Field.Kind.TEXT),
        UPPER("upper", Field.Kind.TEXT),
        LOWER("lower", Field.Kind.TEXT);

        private final String written;
        private final Field.Kind yields;

        Op(String written, Field.Kind yields) {
            this.written = written;
            this.yields = yields;
        }

        /** The kind of value the filter produces. */
        public Field.Kind yields() { return yields; }

        /** Whether the filter only applies to numbers. */
        public boolean needsNumber() { return this == ROUND || this == PCT; }

        static String known() {
            StringBuilder out = new StringBuilder();
            for (Op op : values()) {
                if (out.length() > 0) out.append(", ");
                out.append(op.written);
            }
            return out.toString();
        }
    }

    /** The filter as it would be written, e.g. {@code round(3)}. */
    public String written() {
        return op == Op.ROUND ? "round(" + digits + ")" : op.written;
    }
}
