package io.vigil.template;

import java.util.List;

/**
 * A parsed template (language.md §5): literal text and {@code {{ name | filter }}} placeholders.
 * Parse once, render many times. Rendering only looks values up in a {@link TemplateContext}; there is
 * no expression language and no reflection.
 */
public final class Template {
    private final String text;
    private final List<Part> parts;

    Template(String text, List<Part> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /** The outcome of parsing: a template when there are no errors, else null and every error found. */
    public record Result(Template template, List<TemplateError> errors) {
        public Result {
            errors = List.copyOf(errors);
        }

        public boolean ok() { return errors.isEmpty(); }
    }

    /** Parses template text; never throws. */
    public static Result parse(String text) {
        return TemplateParser.parse(text);
    }

    /** Parses text already known to be valid (e.g. built-in defaults); throws on an error. */
    public static Template of(String text) {
        Result r = parse(text);
        if (!r.ok()) {
            TemplateError e = r.errors().get(0);
            throw new IllegalArgumentException("index " + e.index() + ": " + e.message());
        }
        return r.template();
    }

    public String text() { return text; }

    public List<Part> parts() { return parts; }

    /** Renders as plain text. */
    public String render(TemplateContext context) {
        return render(context, Escape.NONE);
    }

    /** Renders, escaping each inserted value (never the literal text) for its destination. */
    public String render(TemplateContext context, Escape escape) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        for (Part part : parts) {
            if (part instanceof Part.Literal l) {
                out.append(l.text());
            } else {
                out.append(escape.apply(Placeholders.render((Part.Placeholder) part, context)));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() { return text; }
}
