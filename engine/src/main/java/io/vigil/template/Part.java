package io.vigil.template;

import java.util.List;

/** One piece of a parsed template: literal text, or a {@code {{ name | filter ... }}} placeholder. */
public sealed interface Part permits Part.Literal, Part.Placeholder {

    /** Text copied to the output unchanged (never escaped: the template author wrote it). */
    record Literal(String text) implements Part {}

    /**
     * A value inserted into the output.
     *
     * @param label the label name for {@link Field#LABEL}, else null
     * @param index code-point index of the opening {@code {{} in the template text
     */
    record Placeholder(Field field, String label, List<Filter> filters, int index) implements Part {
        public Placeholder {
            filters = List.copyOf(filters);
        }

        /** The placeholder's name as written: {@code value}, {@code labels.segment}. */
        public String name() {
            return field == Field.LABEL ? "labels." + label : field.written();
        }
    }
}
