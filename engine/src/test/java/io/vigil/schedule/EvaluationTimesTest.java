package io.vigil.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.Schedule;
import io.vigil.config.CatchUp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EvaluationTimesTest {
    private static Instant t(String iso) { return Instant.parse(iso); }

    @Test
    void everyIsAlignedToTheEpochNotToStartUp() {
        var times = new EvaluationTimes(new Schedule.Every(Duration.ofMinutes(15)));
        assertThat(times.nextAfter(t("2026-11-26T10:07:13Z"))).isEqualTo(t("2026-11-26T10:15:00Z"));
        assertThat(times.nextAfter(t("2026-11-26T10:15:00Z"))).isEqualTo(t("2026-11-26T10:30:00Z"));
        assertThat(times.latestAtOrBefore(t("2026-11-26T10:15:00Z"))).isEqualTo(t("2026-11-26T10:15:00Z"));
        assertThat(times.latestAtOrBefore(t("2026-11-26T10:14:59Z"))).isEqualTo(t("2026-11-26T10:00:00Z"));
    }

    @Test
    void betweenIsHalfOpen() {
        var times = new EvaluationTimes(new Schedule.Every(Duration.ofHours(1)));
        assertThat(times.between(t("2026-01-01T00:00:00Z"), t("2026-01-01T03:00:00Z")))
                .containsExactly(t("2026-01-01T01:00:00Z"), t("2026-01-01T02:00:00Z"), t("2026-01-01T03:00:00Z"));
    }

    @Test
    void cronFollowsItsTimeZoneAcrossDaylightSaving() {
        // 02:30 local every day; Paris moves from UTC+1 to UTC+2 on 2026-03-29.
        var times = new EvaluationTimes(new Schedule.Cron("0 30 2 * * ?", ZoneId.of("Europe/Paris")));
        assertThat(times.nextAfter(t("2026-03-27T12:00:00Z"))).isEqualTo(t("2026-03-28T01:30:00Z"));
        assertThat(times.nextAfter(t("2026-03-29T12:00:00Z"))).isEqualTo(t("2026-03-30T00:30:00Z"));
        assertThat(times.latestAtOrBefore(t("2026-03-30T00:29:59Z"))).isEqualTo(t("2026-03-28T01:30:00Z"));
    }

    @Test
    void yearlyCronLooksFarBack() {
        var times = new EvaluationTimes(new Schedule.Cron("0 0 0 1 1 ?", ZoneId.of("UTC")));
        assertThat(times.latestAtOrBefore(t("2026-11-27T00:00:00Z"))).isEqualTo(t("2026-01-01T00:00:00Z"));
    }

    @Test
    void catchUpPolicies() {
        var times = new EvaluationTimes(new Schedule.Every(Duration.ofMinutes(5)));
        Instant last = t("2026-01-01T00:00:00Z");
        Instant now = t("2026-01-01T00:17:00Z");
        assertThat(CatchUp.ALL.missed(last, since -> times.between(since, now)))
                .containsExactly(t("2026-01-01T00:05:00Z"), t("2026-01-01T00:10:00Z"), t("2026-01-01T00:15:00Z"));
        assertThat(CatchUp.LAST.missed(last, since -> times.between(since, now))).containsExactly(t("2026-01-01T00:15:00Z"));
        assertThat(CatchUp.NONE.missed(last, since -> times.between(since, now))).isEmpty();
        assertThat(CatchUp.ALL.missed(null, since -> times.between(since, now))).as("first start: nothing was missed").isEmpty();
    }
}
