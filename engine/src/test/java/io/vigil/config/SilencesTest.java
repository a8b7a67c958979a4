package io.vigil.config;

import static io.vigil.config.ConfigFixture.lines;
import static io.vigil.config.ConfigFixture.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.label.LabelMatcher;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SilencesTest {
    private static final String WEEKLY = """
            silences:
              weekly_retrain:
                cron: "0 0 2 ? * SUN"
                timezone: Europe/Berlin
                duration: 3h
                matchers: [model=churn, 'segment=~"EU|US"']
                comment: Weekly retraining reloads the feature store
            """;

    private static MaintenanceWindow weekly() {
        ConfigResult r = load(WEEKLY);
        assertThat(r.diagnostics()).isEmpty();
        return r.config().silences().get("weekly_retrain");
    }

    @Test
    void readsAWindow() {
        MaintenanceWindow w = weekly();
        assertThat(w.name()).isEqualTo("weekly_retrain");
        assertThat(w.cron()).isEqualTo("0 0 2 ? * SUN");
        assertThat(w.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(w.duration()).isEqualTo(Duration.ofHours(3));
        assertThat(w.matchers()).containsExactly(LabelMatcher.parse("model=churn"), LabelMatcher.parse("segment=~EU|US"));
        assertThat(w.comment()).isEqualTo("Weekly retraining reloads the feature store");
    }

    @Test
    void windowOpensAtEachCronTimeInItsZoneForItsDuration() {
        MaintenanceWindow w = weekly();
        // Sunday 2026-01-04 02:00 in Berlin (CET, UTC+1) is 01:00Z; the window is [01:00Z, 04:00Z).
        Instant opens = Instant.parse("2026-01-04T01:00:00Z");
        assertThat(w.openSince(Instant.parse("2026-01-04T00:59:59Z"))).isEmpty();
        assertThat(w.openSince(opens)).contains(opens);
        assertThat(w.openSince(Instant.parse("2026-01-04T03:59:59Z"))).contains(opens);
        assertThat(w.openSince(Instant.parse("2026-01-04T04:00:00Z"))).as("the end is exclusive").isEmpty();
        assertThat(w.openSince(Instant.parse("2026-01-05T01:30:00Z"))).as("Monday").isEmpty();
        // In summer Berlin is UTC+2: Sunday 2026-07-05 02:00 local is 00:00Z.
        assertThat(w.openSince(Instant.parse("2026-07-05T00:30:00Z"))).contains(Instant.parse("2026-07-05T00:00:00Z"));
    }

    @Test
    void silencesOnlyMatchingAlertsWhileOpen() {
        MaintenanceWindow w = weekly();
        Instant during = Instant.parse("2026-01-04T02:00:00Z");
        Instant after = Instant.parse("2026-01-04T05:00:00Z");
        Map<String, String> eu = Map.of("model", "churn", "segment", "EU", "rule", "acc_low");
        assertThat(w.silences(eu, during)).isTrue();
        assertThat(w.silences(eu, after)).isFalse();
        assertThat(w.silences(Map.of("model", "churn", "segment", "APAC"), during)).isFalse();
        assertThat(w.silences(Map.of("model", "fraud", "segment", "EU"), during)).isFalse();
    }

    @Test
    void everyProblemOfAWindowIsReported() {
        ConfigResult r = load("""
                silences:
                  a: { cron: "0 0 2 ? * FUNDAY", duration: 1h, matchers: [model=churn] }
                  b: { cron: "0 0 2 * * ?", timezone: Mars/Olympus, duration: 0s, matchers: [model, 'seg=~"(EU"'] }
                  c: { cron: "0 0 2 * * ?" }
                """);
        assertThat(lines(r)).containsExactly(
                // Quartz reports this one at the start of the expression, inside the quotes
                "vigil.yaml:2:15: error: silences.a.cron: invalid Quartz cron expression: Invalid Day-of-Week value: 'FUN'",
                "vigil.yaml:3:39: error: silences.b.timezone: unknown time zone 'Mars/Olympus' (use an IANA name such "
                        + "as Europe/Berlin)",
                "vigil.yaml:3:63: error: silences.b.duration: expected a duration such as 30s, 15m, 2h or 7d (greater "
                        + "than 0), got '0s'",
                "vigil.yaml:3:78: error: silences.b.matchers[0]: expected a matcher such as model=churn, segment!=EU or "
                        + "region=~\"eu-.*\", got 'model'",
                "vigil.yaml:3:85: error: silences.b.matchers[1]: invalid regular expression '(EU': Unclosed group",
                "vigil.yaml:4:3: error: silences.c.duration: missing: how long each window stays open, e.g. 2h",
                "vigil.yaml:4:3: error: silences.c.matchers: missing: which alerts the window mutes, e.g. "
                        + "[model=churn, segment=EU]");
    }
}
