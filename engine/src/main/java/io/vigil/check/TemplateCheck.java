package io.vigil.check;

import io.vigil.ast.Clause;
import io.vigil.ast.Diagnostic;
import io.vigil.ast.StringLit;
import java.util.List;

/** Validates the templates of {@code summary} and {@code description} (language.md §5). */
final class TemplateCheck {
    private TemplateCheck() {}

    static void check(Clause clause, List<Diagnostic> out) {
        StringLit template = clause instanceof Clause.Summary s ? s.template()
                : clause instanceof Clause.Description d ? d.template() : null;
        if (template == null) return;
        // Wired to io.vigil.template once that package lands; until then only braces are balanced-checked.
        String v = template.value();
        int open = v.indexOf("{{");
        while (open >= 0) {
            int close = v.indexOf("}}", open + 2);
            if (close < 0) {
                out.add(Diagnostic.error(template.spanAt(v.codePointCount(0, open)),
                        Messages.templateError("unclosed '{{'")));
                return;
            }
            open = v.indexOf("{{", close + 2);
        }
    }
}
