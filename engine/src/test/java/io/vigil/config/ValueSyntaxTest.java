package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Durations, sizes and environment references as written in vigil.yaml. */
class ValueSyntaxTest {

    @Test
    void durations() {
        assertThat(DurationText.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("90d")).isEqualTo(Duration.ofDays(90));
        assertThat(DurationText.parse("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse("1m500ms")).isEqualTo(Duration.ofMillis(60_500));
        assertThat(DurationText.parse("0")).isZero();
        for (String bad : List.of("", "10", "1m1h", "1h1h", "-5m", "1.5h", "5 m", "h", "1y", "99999999999999999999d")) {
            assertThat(DurationText.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void sizes() {
        assertThat(ByteSize.parse("16MiB")).isEqualTo(16L * 1024 * 1024);
        assertThat(ByteSize.parse("512KiB")).isEqualTo(512L * 1024);
        assertThat(ByteSize.parse("1GiB")).isEqualTo(1L << 30);
        assertThat(ByteSize.parse("1GB")).isEqualTo(1_000_000_000L);
        assertThat(ByteSize.parse("16 mib")).isEqualTo(16L * 1024 * 1024);
        assertThat(ByteSize.parse("100")).isEqualTo(100);
        assertThat(ByteSize.parse("100B")).isEqualTo(100);
        for (String bad : List.of("1.5MiB", "16XB", "MiB", "-1", "99999999999999GiB")) {
            assertThat(ByteSize.parse(bad)).as(bad).isEqualTo(-1);
        }
    }

    @Test
    void environmentReferences() {
        EnvExpansion.Result r = EnvExpansion.expand("a$b ${X}${Y:-y} $${Z} 💲${X}", Map.of("X", "1"));
        assertThat(r.value()).isEqualTo("a$b 1y ${Z} 💲1");
        assertThat(r.usedEnvironment()).isTrue();
        assertThat(r.problems()).isEmpty();
        assertThat(EnvExpansion.expand("$${Z} costs $5", Map.of()).usedEnvironment()).isFalse();
        assertThat(EnvExpansion.expand("${EMPTY}", Map.of("EMPTY", "")).value()).as("set but empty counts as set").isEmpty();
        // the index counts code points: 💲 is one
        assertThat(EnvExpansion.expand("💲 ${MISSING}", Map.of()).problems())
                .containsExactly(new EnvExpansion.Problem(2,
                        "environment variable MISSING is not set (write ${MISSING:-default} to allow that)"));
    }
}
