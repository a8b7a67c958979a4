package io.vigil.ast;

import io.vigil.label.LabelMatcher;
import java.util.List;

/** An expression node (language.md §3); every variant is an immutable record with its span. */
public sealed interface Expr {
    Span span();

    /** A number; {@code 15%} has value 0.15 and {@code percent} set. */
    record Number(double value, boolean percent, Span span) implements Expr {}

    record DurationExpr(DurationLit duration, Span span) implements Expr {}

    record Str(StringLit string, Span span) implements Expr {}

    /** {@code *}, legal only as the value of {@code feature=}. */
    record Wildcard(Span span) implements Expr {}

    /** {@code metric{label op "value", ...}}. */
    record Selector(Name metric, List<Matcher> matchers, Span span) implements Expr {
        public Selector { matchers = List.copyOf(matchers); }
    }

    /** One label matcher of a selector. */
    record Matcher(Name label, LabelMatcher.Op op, StringLit value, Span span) {}

    /** {@code {segment="EU", version=~"3\\..*"}}: label matchers without a metric, legal only as the value of {@code labels=}. */
    record LabelSet(List<Matcher> matchers, Span span) implements Expr {
        public LabelSet { matchers = List.copyOf(matchers); }
    }

    /** A function call; {@code by} is the grouping after an aggregation call, or null. */
    record Call(Name function, List<Arg> args, Grouping by, Span span) implements Expr {
        public Call { args = List.copyOf(args); }

        /** The argument named {@code name}, or null. */
        public Arg named(String name) {
            for (Arg a : args) if (a.name() != null && a.name().text().equals(name)) return a;
            return null;
        }

        public List<Arg> positional() {
            return args.stream().filter(a -> a.name() == null).toList();
        }
    }

    /** {@code ["a", "b"]}: a list of strings, valid only as the value of an argument that takes one ({@code feature=}). */
    record StringList(List<StringLit> items, Span span) implements Expr {
        public StringList { items = List.copyOf(items); }
    }

    /**
     * The value of {@code name=~"regex"}: a fully anchored regex, valid only for an argument that
     * takes one ({@code feature=}); {@code span} covers {@code =~"regex"}.
     */
    record Regex(StringLit pattern, Span span) implements Expr {}

    /** A call argument; {@code name} is null for a positional one. */
    record Arg(Name name, Expr value, Span span) {}

    /** {@code by (l1, l2)} after an aggregation. */
    record Grouping(List<Name> labels, Span span) {
        public Grouping { labels = List.copyOf(labels); }
    }

    /** {@code on(...)} or {@code ignoring(...)} after a binary operator. */
    record Matching(boolean on, List<Name> labels, Span span) {
        public Matching { labels = List.copyOf(labels); }
    }

    /** Unary operators. */
    enum UnaryOp { NEG, NOT }

    record Unary(UnaryOp op, Expr operand, Span span) implements Expr {}

    /** Binary operators, in the spelling of the language. */
    enum BinaryOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"),
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!="),
        AND("and"), OR("or"), UNLESS("unless");
        public final String symbol;
        BinaryOp(String symbol) { this.symbol = symbol; }

        public boolean isComparison() { return ordinal() >= LT.ordinal() && ordinal() <= NE.ordinal(); }

        public boolean isArithmetic() { return ordinal() <= DIV.ordinal(); }

        public boolean isSet() { return ordinal() >= AND.ordinal(); }
    }

    /** {@code left op [on|ignoring(...)] right}; {@code matching} is null when absent. */
    record Binary(BinaryOp op, Expr left, Expr right, Matching matching, Span opSpan, Span span) implements Expr {}

    /** {@code subject between low and high}. */
    record Between(Expr subject, Expr low, Expr high, Span span) implements Expr {}
}
