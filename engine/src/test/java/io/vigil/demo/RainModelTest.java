package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RainModelTest {
    private static final List<WeatherDay> TRAINING =
            WeatherFixture.days().stream().filter(d -> d.date().getYear() == 2012).toList();

    /**
     * Maximum-likelihood fit of the same model by two independent routes in Python (NumPy 2.4 / SciPy 1.17):
     * Newton–IRLS with numpy.linalg.solve, and scipy.optimize.minimize(BFGS) on the log-likelihood; they agree
     * to 1.6e-10. Inputs standardised with the 366 days' mean and population std; 365 examples (day → next day).
     */
    private static final double[] REFERENCE = {
        -0.095623099897318, 0.658939458509162, -1.910261080190898, 0.884197408679124, -0.066681371452892};

    @Test
    void coefficientsAreTheMaximumLikelihoodFitComputedWithNumPyAndSciPy() {
        double[] beta = RainModel.fit(TRAINING).coefficients();
        assertThat(beta).hasSize(5);
        for (int j = 0; j < beta.length; j++) {
            assertThat(beta[j]).as("coefficient %d", j).isCloseTo(REFERENCE[j], within(1e-8));
        }
    }

    @Test
    void forecastsLikeTheReference() {
        RainModel model = RainModel.fit(TRAINING);
        // NumPy: P(rain on 2013-01-01 | 2012-12-31) and a hot dry summer day
        assertThat(model.probability(WeatherFixture.day("2012-12-31"))).isCloseTo(0.7828893198279683, within(1e-9));
        assertThat(model.probability(WeatherFixture.day("2015-07-04"))).isCloseTo(0.021259142798985785, within(1e-9));
        int right = 0;
        for (int i = 0; i + 1 < TRAINING.size(); i++) {
            if (model.predictsRain(TRAINING.get(i)) == TRAINING.get(i + 1).rained()) right++;
        }
        assertThat(right).as("training days forecast right, of 365 (NumPy: 285)").isEqualTo(285);
    }

    @Test
    void theModelLearnedThatColdDaysComeBeforeRain() {
        double[] beta = RainModel.fit(TRAINING).coefficients();
        // the seasonal story the quickstart's alerts tell: temp_max dominates, with a negative sign
        assertThat(beta[2]).isNegative();
        assertThat(Math.abs(beta[2])).isGreaterThan(Math.abs(beta[1])).isGreaterThan(Math.abs(beta[4]));
    }

    @Test
    void perfectlySeparableDaysAreRefusedWithAReason() {
        List<WeatherDay> days = new ArrayList<>();
        LocalDate d = LocalDate.of(2020, 1, 1);
        for (int i = 0; i < 40; i++) {
            boolean wetTomorrow = (i + 1) % 2 == 0;
            // tomorrow's rain is exactly "today was cold": the likelihood has no maximum
            days.add(new WeatherDay(d.plusDays(i), i % 2 == 0 ? 0.0 : 3.0, wetTomorrow ? 5 + i % 3 : 20 + i % 3,
                    3 + i % 4, 2 + i % 5));
        }
        assertThatThrownBy(() -> RainModel.fit(days))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("logistic regression did not converge")
                .hasMessageEndingWith("; are rain and dry days perfectly separable by the inputs?");
    }

    @Test
    void aConstantInputCannotBeStandardised() {
        List<WeatherDay> days = new ArrayList<>();
        for (int i = 0; i < 10; i++) days.add(new WeatherDay(LocalDate.of(2020, 1, 1).plusDays(i), i % 3, 10 + i, 5, 3 + i % 2));
        assertThatThrownBy(() -> RainModel.fit(days)).hasMessage("input temp_min is constant over the training days");
    }
}
