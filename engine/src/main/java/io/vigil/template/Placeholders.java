package io.vigil.template;

import java.time.Instant;
import java.util.Locale;

/** Evaluates one placeholder against a context: look the name up, then apply each filter in turn. */
final class Placeholders {
    private Placeholders() {}

    static String render(Part.Placeholder p, TemplateContext ctx) {
        Object v = lookup(p, ctx);
        for (Filter f : p.filters()) v = apply(f, v);
        return text(v);
    }

    private static Object lookup(Part.Placeholder p, TemplateContext ctx) {
        return switch (p.field()) {
            case VALUE -> ctx.value();
            case LABEL -> ctx.labels().getOrDefault(p.label(), "");
            case RULE -> ctx.rule();
            case MODEL -> ctx.model();
            case SEVERITY -> ctx.severity();
            case STATE -> ctx.state();
            case SINCE -> ctx.since();
            case RUNBOOK -> ctx.runbook();
        };
    }

    /** The parser only lets number filters follow a number, so the casts below cannot fail. */
    private static Object apply(Filter f, Object v) {
        return switch (f.op()) {
            case ROUND -> NumberText.round((Double) v, f.digits());
            case PCT -> NumberText.percent((Double) v);
            case UPPER -> text(v).toUpperCase(Locale.ROOT);
            case LOWER -> text(v).toLowerCase(Locale.ROOT);
        };
    }

    private static String text(Object v) {
        if (v == null) return "";
        if (v instanceof Double d) return NumberText.format(d);
        if (v instanceof Instant t) return t.toString();
        return (String) v;
    }
}
