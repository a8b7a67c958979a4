package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The quickstart's rules and config pass {@code vigil check} with no error and no warning. */
class QuickstartRulesTest {
    @Test
    void rulesCheckCleanAgainstTheQuickstartConfig() {
        CliRun check = CliRun.of("check", WeatherFixture.QUICKSTART.resolve("rules").toString(),
                "--config", WeatherFixture.QUICKSTART.resolve("vigil.yaml").toString());
        assertThat(check.stdout()).isEqualTo("5 files: 0 errors, 0 warnings" + System.lineSeparator());
        assertThat(check.code()).isZero();
    }
}
