package io.vigil.check;

import io.vigil.ast.Diagnostic;
import io.vigil.ast.StringLit;
import java.text.ParseException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * Validates a Quartz cron expression. Quartz's own error offsets are unreliable (often -1 or 0), so the
 * field at fault is found by checking each field alone, and the diagnostic points at its first character.
 */
final class CronCheck {
    private CronCheck() {}

    private static final String[] FIELDS = {"seconds", "minutes", "hours", "day-of-month", "month", "day-of-week",
            "year"};
    /** A valid expression to plant one field into; day-of-month and day-of-week take turns being '?'. */
    private static final String[] NEUTRAL = {"0", "0", "0", "*", "*", "?", "*"};

    /** Reports a problem of {@code cron} (evaluated in {@code zone}, or UTC when null) to {@code out}. */
    static void check(StringLit cron, ZoneId zone, List<Diagnostic> out) {
        String text = cron.value();
        List<int[]> fields = fields(text);
        if (fields.size() < 6 || fields.size() > 7) {
            out.add(Diagnostic.error(cron.span(), Messages.cronFieldCount(fields.size())));
            return;
        }
        String problem = problem(text);
        if (problem != null) {
            int bad = badField(text, fields);
            if (bad < 0) {
                // Every field is fine alone: Quartz refuses day-of-month and day-of-week both being set.
                out.add(Diagnostic.error(cron.spanAt(cron.codePointIndex(fields.get(5)[0])), Messages.CRON_BOTH_DAYS));
            } else {
                out.add(Diagnostic.error(cron.spanAt(cron.codePointIndex(fields.get(bad)[0])),
                        Messages.badCron(FIELDS[bad] + " field: " + problem)));
            }
            return;
        }
        try {
            CronExpression parsed = new CronExpression(text);
            parsed.setTimeZone(TimeZone.getTimeZone((zone == null ? ZoneId.of("UTC") : zone).normalized()));
            // From a fixed instant, so the verdict does not depend on when the check runs.
            if (parsed.getNextValidTimeAfter(new Date(0)) == null) {
                out.add(Diagnostic.error(cron.span(), Messages.cronNeverFires(text)));
            }
        } catch (ParseException | RuntimeException e) {
            out.add(Diagnostic.error(cron.span(), Messages.badCron(String.valueOf(e.getMessage()))));
        }
    }

    /** Quartz's complaint about an expression, or null when it parses. */
    private static String problem(String text) {
        try {
            new CronExpression(text);
            return null;
        } catch (ParseException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            // Quartz throws unchecked exceptions for some malformed fields; any of them is a user error here.
            return "cannot parse '" + text + "'";
        }
    }

    /** Index of the first field that is wrong on its own, or -1 when only the combination is wrong. */
    private static int badField(String text, List<int[]> fields) {
        for (int i = 0; i < fields.size(); i++) {
            String[] probe = NEUTRAL.clone();
            probe[i] = text.substring(fields.get(i)[0], fields.get(i)[1]);
            if (i == 5) probe[3] = "?";
            if (problem(String.join(" ", probe)) != null) return i;
        }
        return -1;
    }

    /** [start, end) char offsets of each whitespace-separated field. */
    private static List<int[]> fields(String text) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
            if (i >= text.length()) break;
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) i++;
            out.add(new int[] {start, i});
        }
        return out;
    }
}
