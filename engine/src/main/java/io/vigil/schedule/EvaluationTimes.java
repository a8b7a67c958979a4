package io.vigil.schedule;

import io.vigil.check.Schedule;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * The evaluation times of a schedule, as pure functions of time: {@code every} ticks are multiples of the
 * interval since the epoch; cron ticks come from Quartz's own {@link CronExpression} in the rule's zone.
 * Live scheduling, catch-up, rule tests and backtests all take their T values from here.
 */
public final class EvaluationTimes {
    private static final int MAX_TICKS = 10_000_000;

    private final Schedule schedule;
    private final CronExpression cron;

    public EvaluationTimes(Schedule schedule) {
        this.schedule = schedule;
        if (schedule instanceof Schedule.Cron c) {
            try {
                cron = new CronExpression(c.expression());
            } catch (ParseException e) {
                throw new IllegalArgumentException("checked cron expression no longer parses: " + c.expression(), e);
            }
            cron.setTimeZone(TimeZone.getTimeZone(c.zone().normalized()));
        } else {
            cron = null;
        }
    }

    /** The first evaluation time strictly after {@code t}. */
    public Instant nextAfter(Instant t) {
        if (schedule instanceof Schedule.Every e) {
            long step = e.interval().toMillis();
            long ms = t.toEpochMilli();
            return Instant.ofEpochMilli(Math.floorDiv(ms, step) * step + step);
        }
        Date next = cron.getTimeAfter(Date.from(t));
        return next == null ? Instant.MAX : next.toInstant();
    }

    /** The latest evaluation time at or before {@code t}, or null if there is none within eight years. */
    public Instant latestAtOrBefore(Instant t) {
        if (schedule instanceof Schedule.Every e) {
            long step = e.interval().toMillis();
            return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), step) * step);
        }
        // Quartz cannot step backwards: scan forward from ever earlier starts until a tick appears.
        for (Duration back = Duration.ofHours(1); back.compareTo(Duration.ofDays(366 * 8)) <= 0;
                back = back.multipliedBy(4)) {
            Instant found = null;
            Instant cursor = nextAfter(t.minus(back).minusMillis(1));
            while (!cursor.isAfter(t)) {
                found = cursor;
                cursor = nextAfter(cursor);
            }
            if (found != null) return found;
        }
        return null;
    }

    /** Every evaluation time in (fromExclusive, toInclusive], in order. */
    public List<Instant> between(Instant fromExclusive, Instant toInclusive) {
        List<Instant> out = new ArrayList<>();
        Instant t = nextAfter(fromExclusive);
        while (!t.isAfter(toInclusive)) {
            if (out.size() >= MAX_TICKS) throw new IllegalArgumentException("more than " + MAX_TICKS + " evaluations");
            out.add(t);
            t = nextAfter(t);
        }
        return out;
    }
}
