package io.vigil.template;

import java.util.Locale;

/** A name a template may use inside {@code {{ }}} (language.md §5), with the kind of value it yields. */
public enum Field {
    VALUE(Kind.NUMBER),
    /** {@code labels.<name>}: the instance's label; empty text when the instance has no such label. */
    LABEL(Kind.TEXT),
    RULE(Kind.TEXT),
    MODEL(Kind.TEXT),
    SEVERITY(Kind.TEXT),
    STATE(Kind.TEXT),
    /** When the instance started firing; empty text while it has not fired. */
    SINCE(Kind.TIME),
    RUNBOOK(Kind.TEXT);

    /** What a name or a filter yields, so filters that need a number are refused at check time. */
    public enum Kind {
        NUMBER, TEXT, TIME;

        String describe() {
            return this == NUMBER ? "a number" : this == TIME ? "a time" : "text";
        }
    }

    private final Kind kind;

    Field(Kind kind) { this.kind = kind; }

    public Kind kind() { return kind; }

    /** The name as written in templates; {@code labels.<name>} for {@link #LABEL}. */
    public String written() {
        return this == LABEL ? "labels.<name>" : name().toLowerCase(Locale.ROOT);
    }

    /** Every name a template accepts, in the order the docs list them, for error messages. */
    static String known() {
        StringBuilder out = new StringBuilder();
        for (Field f : values()) {
            if (out.length() > 0) out.append(", ");
            out.append(f.written());
        }
        return out.toString();
    }
}
