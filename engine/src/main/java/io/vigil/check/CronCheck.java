package io.vigil.check;

import io.vigil.ast.Diagnostic;
import io.vigil.ast.StringLit;
import java.text.ParseException;
import java.util.List;
import org.quartz.CronExpression;

/** Validates a Quartz cron expression and points at the offending character. */
final class CronCheck {
    private CronCheck() {}

    static void check(StringLit cron, List<Diagnostic> out) {
        try {
            new CronExpression(cron.value());
        } catch (ParseException e) {
            int offset = Math.max(0, Math.min(e.getErrorOffset(), cron.value().length()));
            out.add(Diagnostic.error(cron.spanAt(cron.codePointIndex(offset)), Messages.badCron(e.getMessage())));
        } catch (RuntimeException e) {
            // Quartz throws unchecked exceptions for some malformed fields; any of them is a user error here.
            out.add(Diagnostic.error(cron.span(), Messages.badCron(String.valueOf(e.getMessage()))));
        }
    }
}
