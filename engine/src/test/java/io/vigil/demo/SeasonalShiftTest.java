package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Month;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The facts the quickstart's rules are meant to catch, computed in plain Java from the weather file (no engine):
 * the replayed years drift away from the all-year 2012 training data by season, and the model's accuracy follows.
 * Figures are printed so the README's tables can be checked; thresholds are the ones the rules use.
 */
class SeasonalShiftTest {
    private static final List<WeatherDay> DAYS = WeatherFixture.days();
    private static final List<WeatherDay> Y2012 = DAYS.stream().filter(d -> d.date().getYear() == 2012).toList();
    private static RainModel model;

    @BeforeAll
    static void fit() { model = RainModel.fit(Y2012); }

    @Test
    void summersAreMoreThanOneTrainingStdAboveTheTrainingMeanAndWarmerThan2012s() {
        double[] train = tempMax(Y2012);
        double mean = Arrays.stream(train).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(train).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
        System.out.printf("2012 temp_max: mean %.2f, sd %.2f%n", mean, sd);
        printMonthlyMeans();
        double summer = Arrays.stream(tempMax(replayed(Season.SUMMER))).average().orElseThrow();
        double summer2012 = Arrays.stream(tempMax(days(Y2012, d -> Season.of(d.date()) == Season.SUMMER))).average().orElseThrow();
        double winter = Arrays.stream(tempMax(replayed(Season.WINTER))).average().orElseThrow();
        System.out.printf("temp_max mean: summer 2013-15 %.2f (2012 %.2f), winter 2013-15 %.2f%n", summer, summer2012, winter);
        assertThat(summer).isGreaterThan(mean + sd);
        assertThat(winter).isLessThan(mean - sd / 2);
        assertThat(summer - summer2012).as("2013-15 summers were warmer than the training summer").isGreaterThan(2.0);
    }

    /** The drift rule's threshold (wasserstein > 1.2) separates high summer from spring and autumn months. */
    @Test
    void wassersteinOfEverySummerMonthIsAboveTheLimitAndOfEveryShoulderMonthBelowIt() {
        double[] train = tempMax(Y2012);
        for (int year = 2013; year <= 2015; year++) {
            StringBuilder row = new StringBuilder(year + " temp_max W1/sd by month:");
            for (Month month : Month.values()) {
                double w = normalisedWasserstein(train, tempMax(month(year, month)));
                row.append(String.format(" %.2f", w));
                if (month == Month.JULY || month == Month.AUGUST) assertThat(w).as(year + " " + month).isGreaterThan(1.2);
                if (List.of(Month.APRIL, Month.MAY, Month.OCTOBER).contains(month)) {
                    assertThat(w).as(year + " " + month).isLessThan(1.2 - 0.4);
                }
            }
            System.out.println(row);
        }
    }

    @Test
    void winterAccuracyIsFarBelowSummerBecauseWintersGotDrierWhileTheModelKeptForecastingRain() {
        for (Season s : Season.values()) {
            Confusion c = score(s, false);
            Confusion wet = score(s, true);
            System.out.printf("%-6s 2013-15: accuracy %.3f (%d days), forecast rain %.3f, rained %.3f, wet days caught %.3f (%d); 2012 accuracy %.3f%n",
                    s.label(), c.accuracy().orElseThrow(), c.total(), rate(c, true), rate(c, false),
                    wet.recall().orElseThrow(), wet.total(), score2012(s).accuracy().orElseThrow());
        }
        double winter = score(Season.WINTER, false).accuracy().orElseThrow();
        double summer = score(Season.SUMMER, false).accuracy().orElseThrow();
        assertThat(summer - winter).isGreaterThan(0.15);
        for (Season other : List.of(Season.SPRING, Season.AUTUMN)) {
            assertThat(winter).as("winter vs " + other.label()).isLessThan(score(other, false).accuracy().orElseThrow());
        }
        assertThat(score2012(Season.WINTER).accuracy().orElseThrow() - winter).as("worse than on training winter").isGreaterThan(0.1);
        Confusion w = score(Season.WINTER, false);
        assertThat(rate(w, true)).isGreaterThan(0.85);
        assertThat(rate(w, false)).isLessThan(0.6);
        assertThat(rateOfRainIn2012Winter()).isGreaterThan(0.7);
    }

    @Test
    void theKpiCatchesWinterRainButMissesSummerRain() {
        assertThat(score(Season.WINTER, true).recall().orElseThrow()).isGreaterThan(0.9);
        assertThat(score(Season.SUMMER, true).recall().orElseThrow()).isLessThan(0.2);
    }

    /** Forecasts for days of 2013-2015 in {@code season} (only wet days, ≥ 1 mm, if {@code wetOnly}). */
    private static Confusion score(Season season, boolean wetOnly) {
        Confusion c = Confusion.EMPTY;
        for (int t = 1; t < DAYS.size(); t++) {
            WeatherDay day = DAYS.get(t);
            if (day.date().getYear() < 2013 || Season.of(day.date()) != season) continue;
            if (wetOnly && day.precipitation() < WeatherReplay.WET_DAY_MM) continue;
            c = c.plus(model.predictsRain(DAYS.get(t - 1)), day.rained());
        }
        return c;
    }

    private static Confusion score2012(Season season) {
        Confusion c = Confusion.EMPTY;
        for (int t = 1; t < Y2012.size(); t++) {
            if (Season.of(Y2012.get(t).date()) == season) c = c.plus(model.predictsRain(Y2012.get(t - 1)), Y2012.get(t).rained());
        }
        return c;
    }

    private static double rateOfRainIn2012Winter() {
        List<WeatherDay> w = days(Y2012, d -> Season.of(d.date()) == Season.WINTER);
        return (double) w.stream().filter(WeatherDay::rained).count() / w.size();
    }

    /** Share of forecasts of rain ({@code forecast}) or of rainy days (otherwise). */
    private static double rate(Confusion c, boolean forecast) {
        int positives = forecast ? c.truePositives() + c.falsePositives() : c.truePositives() + c.falseNegatives();
        return (double) positives / c.total();
    }

    /** W1 between two empirical distributions (area between the CDFs) divided by the reference's population std. */
    static double normalisedWasserstein(double[] reference, double[] current) {
        double[] a = reference.clone();
        double[] b = current.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        double area = 0;
        int i = 0;
        int j = 0;
        for (int k = 0; k + 1 < all.length; k++) {
            while (i < a.length && a[i] <= all[k]) i++;
            while (j < b.length && b[j] <= all[k]) j++;
            area += Math.abs((double) i / a.length - (double) j / b.length) * (all[k + 1] - all[k]);
        }
        double mean = Arrays.stream(a).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(a).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
        return area / Math.max(sd, 0.001);
    }

    private static void printMonthlyMeans() {
        for (int year = 2012; year <= 2015; year++) {
            StringBuilder row = new StringBuilder(year + " mean temp_max by month:");
            for (Month month : Month.values()) row.append(String.format(" %5.1f", Arrays.stream(tempMax(month(year, month))).average().orElseThrow()));
            System.out.println(row);
        }
    }

    private static List<WeatherDay> replayed(Season season) {
        return days(DAYS, d -> d.date().getYear() >= 2013 && Season.of(d.date()) == season);
    }

    private static List<WeatherDay> month(int year, Month month) {
        return days(DAYS, d -> d.date().getYear() == year && d.date().getMonth() == month);
    }

    private static List<WeatherDay> days(List<WeatherDay> from, Predicate<WeatherDay> keep) {
        return from.stream().filter(keep).toList();
    }

    private static double[] tempMax(List<WeatherDay> days) {
        return days.stream().mapToDouble(WeatherDay::tempMax).toArray();
    }
}
