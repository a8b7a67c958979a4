package io.vigil.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads template text into parts, collecting every error with its code-point index. Grammar inside
 * {@code {{ }}}: {@code name ('|' filter)*}, where name is one of {@link Field} and a filter is
 * {@code round(n)}, {@code pct}, {@code upper} or {@code lower}; spaces are allowed between tokens.
 * Only {@code {{} is special: a lone {@code }}} or {@code {} is literal text.
 */
final class TemplateParser {
    private final int[] cps;
    private final List<Part> parts = new ArrayList<>();
    private final List<TemplateError> errors = new ArrayList<>();

    private TemplateParser(String text) {
        this.cps = text.codePoints().toArray();
    }

    static Template.Result parse(String text) {
        TemplateParser p = new TemplateParser(text);
        p.run();
        Template template = p.errors.isEmpty() ? new Template(text, p.parts) : null;
        return new Template.Result(template, p.errors);
    }

    private void run() {
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < cps.length) {
            if (opensAt(i)) {
                int close = closeAfter(i + 2);
                if (close < 0) {
                    errors.add(new TemplateError(i, "unclosed '{{'"));
                    return;
                }
                if (literal.length() > 0) parts.add(new Part.Literal(literal.toString()));
                literal.setLength(0);
                placeholder(i, close);
                i = close + 2;
            } else {
                literal.appendCodePoint(cps[i++]);
            }
        }
        if (literal.length() > 0) parts.add(new Part.Literal(literal.toString()));
    }

    private boolean opensAt(int i) {
        return cps[i] == '{' && i + 1 < cps.length && cps[i + 1] == '{';
    }

    private int closeAfter(int from) {
        for (int i = from; i + 1 < cps.length; i++) {
            if (cps[i] == '}' && cps[i + 1] == '}') return i;
        }
        return -1;
    }

    /** Parses the inside of {@code {{ }}} between {@code open + 2} and {@code close}. */
    private void placeholder(int open, int close) {
        Cursor c = new Cursor(open + 2, close);
        c.skipSpaces();
        if (c.atEnd()) {
            errors.add(new TemplateError(open, "empty '{{ }}': expected a name (known: " + Field.known() + ")"));
            return;
        }
        int nameAt = c.pos;
        String word = c.word();
        if (word.isEmpty()) {
            errors.add(new TemplateError(nameAt, unexpected(c.peek(), "a name")));
            return;
        }
        Part.Placeholder p = name(word, nameAt, open);
        if (p == null) return;
        Field.Kind kind = p.field().kind();
        String sofar = p.name();
        List<Filter> filters = new ArrayList<>();
        while (true) {
            c.skipSpaces();
            if (c.atEnd()) break;
            if (c.peek() != '|') {
                errors.add(new TemplateError(c.pos, unexpected(c.peek(), "'|' or '}}'")));
                return;
            }
            c.pos++;
            c.skipSpaces();
            Filter f = filter(c);
            if (f == null) return;
            if (f.op().needsNumber() && kind != Field.Kind.NUMBER) {
                errors.add(new TemplateError(f.index(), "filter '" + f.op().name().toLowerCase(java.util.Locale.ROOT)
                        + "' needs a number, but '" + sofar + "' is " + kind.describe()));
                return;
            }
            filters.add(f);
            kind = f.op().yields();
            sofar = sofar + " | " + f.written();
        }
        parts.add(new Part.Placeholder(p.field(), p.label(), filters, open));
    }

    private Part.Placeholder name(String word, int at, int open) {
        if (word.equals("labels") || word.startsWith("labels.")) {
            String label = word.length() > 7 ? word.substring(7) : "";
            if (!label.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                errors.add(new TemplateError(at, label.isEmpty()
                        ? "'labels' needs a label name: labels.<name>"
                        : "invalid label name '" + label + "' in template"));
                return null;
            }
            return new Part.Placeholder(Field.LABEL, label, List.of(), open);
        }
        for (Field f : Field.values()) {
            if (f != Field.LABEL && f.written().equals(word)) return new Part.Placeholder(f, null, List.of(), open);
        }
        errors.add(new TemplateError(at, "unknown name '" + word + "' in template (known: " + Field.known() + ")"));
        return null;
    }

    private Filter filter(Cursor c) {
        int at = c.pos;
        String word = c.word();
        if (word.isEmpty()) {
            errors.add(new TemplateError(at, c.atEnd() ? "expected a filter after '|' (known: " + Filter.Op.known() + ")"
                    : unexpected(c.peek(), "a filter")));
            return null;
        }
        Filter.Op op = switch (word) {
            case "round" -> Filter.Op.ROUND;
            case "pct" -> Filter.Op.PCT;
            case "upper" -> Filter.Op.UPPER;
            case "lower" -> Filter.Op.LOWER;
            default -> null;
        };
        if (op == null) {
            errors.add(new TemplateError(at, "unknown filter '" + word + "' (known: " + Filter.Op.known() + ")"));
            return null;
        }
        c.skipSpaces();
        boolean hasArgs = !c.atEnd() && c.peek() == '(';
        if (op != Filter.Op.ROUND) {
            if (hasArgs) {
                errors.add(new TemplateError(c.pos, "filter '" + word + "' takes no argument"));
                return null;
            }
            return new Filter(op, 0, at);
        }
        if (!hasArgs) {
            errors.add(new TemplateError(at, "filter 'round' needs a number of decimal places: round(n)"));
            return null;
        }
        c.pos++;
        c.skipSpaces();
        int argAt = c.pos;
        String arg = c.until(')');
        if (c.atEnd()) {
            errors.add(new TemplateError(argAt - 1, "unclosed '(' in round(n)"));
            return null;
        }
        c.pos++;
        String digits = arg.strip();
        if (!digits.matches("[0-9]{1,2}") || Integer.parseInt(digits) > 15) {
            errors.add(new TemplateError(argAt, "round(n) needs a whole number of decimal places from 0 to 15, got '"
                    + digits + "'"));
            return null;
        }
        return new Filter(op, Integer.parseInt(digits), at);
    }

    private static String unexpected(int cp, String expected) {
        return "unexpected '" + new String(Character.toChars(cp)) + "' in template; expected " + expected;
    }

    /** A position inside one placeholder, bounded by its closing {@code }}}. */
    private final class Cursor {
        int pos;
        final int end;

        Cursor(int pos, int end) {
            this.pos = pos;
            this.end = end;
        }

        boolean atEnd() { return pos >= end; }

        int peek() { return cps[pos]; }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(cps[pos])) pos++;
        }

        /** Letters, digits, {@code _} and {@code .}: a name such as {@code labels.segment} or a filter. */
        String word() {
            int start = pos;
            while (!atEnd() && (Character.isLetterOrDigit(cps[pos]) || cps[pos] == '_' || cps[pos] == '.')) pos++;
            return new String(cps, start, pos - start);
        }

        String until(int stop) {
            int start = pos;
            while (!atEnd() && cps[pos] != stop) pos++;
            return new String(cps, start, pos - start);
        }
    }
}
