package io.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.check.StatisticFamily;
import io.vigil.check.StatisticFunction;
import io.vigil.check.StatisticRegistry;
import io.vigil.stats.Statistic;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The operand source can compute every registered feature statistic, and computes none the language lacks. */
class StatisticSourceTest {

    @Test
    void everyFeatureStatisticHasAComputationOfTheSameName() {
        assertThat(StatisticRegistry.all().stream().filter(f -> f.family() == StatisticFamily.FEATURE_DISTRIBUTION)
                .map(StatisticFunction::name))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Statistic.values()).map(Statistic::languageName).toList());
    }
}
