package io.vigil.check;

import java.time.Duration;
import java.time.ZoneId;

/** When a rule is evaluated: every fixed interval aligned to the epoch, or a Quartz cron in a zone. */
public sealed interface Schedule {

    /** A stable text form, used to group rules that share a schedule into one job. */
    String key();

    record Every(Duration interval) implements Schedule {
        public String key() { return "every " + Durations.format(interval); }
    }

    record Cron(String expression, ZoneId zone) implements Schedule {
        public String key() { return "cron " + expression + " " + zone.getId(); }
    }
}
