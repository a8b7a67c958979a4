package io.vigil.check;

import io.vigil.ast.Clause;
import io.vigil.ast.Diagnostic;
import io.vigil.ast.StringLit;
import io.vigil.template.Template;
import io.vigil.template.TemplateError;
import java.util.List;

/** Validates the templates of {@code summary} and {@code description} (language.md §5) at check time. */
final class TemplateCheck {
    private TemplateCheck() {}

    static void check(Clause clause, List<Diagnostic> out) {
        StringLit template = clause instanceof Clause.Summary s ? s.template()
                : clause instanceof Clause.Description d ? d.template() : null;
        if (template == null) return;
        for (TemplateError e : Template.parse(template.value()).errors()) {
            out.add(Diagnostic.error(template.spanAt(e.index()), Messages.templateError(e.message())));
        }
    }
}
