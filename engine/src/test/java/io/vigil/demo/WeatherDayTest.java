package io.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeatherDayTest {
    @TempDir Path dir;

    @Test
    void readsEveryDayOfTheShippedFile() {
        List<WeatherDay> days = WeatherFixture.days();
        assertThat(days).hasSize(1461);
        // first and last rows of seattle-weather.csv, as written in the file
        assertThat(days.get(0)).isEqualTo(new WeatherDay(LocalDate.of(2012, 1, 1), 0.0, 12.8, 5.0, 4.7));
        assertThat(days.get(days.size() - 1)).isEqualTo(new WeatherDay(LocalDate.of(2015, 12, 31), 0.0, 5.6, -2.1, 3.5));
        assertThat(days.get(1).rained()).isTrue();   // 2012-01-02: 10.9 mm
        assertThat(days.get(0).rained()).isFalse();  // 0.0 mm
    }

    @Test
    void aCellThatIsNotANumberIsReportedWithItsLineAndColumn() throws IOException {
        Path csv = write("date,precipitation,temp_max,temp_min,wind,weather",
                "2012-01-01,0.0,12.8,5.0,4.7,drizzle",
                "2012-01-02,10.9,warm,2.8,4.5,rain");
        assertThatThrownBy(() -> WeatherDay.read(csv))
                .isInstanceOf(IOException.class)
                .hasMessage(csv + ":3: column temp_max: 'warm' is not a finite number");
    }

    @Test
    void aMissingDayIsRejectedBecauseTheModelPairsEachDayWithTheNext() throws IOException {
        Path csv = write("date,precipitation,temp_max,temp_min,wind",
                "2012-01-01,0.0,12.8,5.0,4.7",
                "2012-01-03,0.8,11.7,7.2,2.3");
        assertThatThrownBy(() -> WeatherDay.read(csv))
                .hasMessage(csv + ":3: date 2012-01-03 does not follow 2012-01-01 (one row per consecutive day expected)");
    }

    @Test
    void emptyCellsAndBadDatesAreNamed() throws IOException {
        Path empty = write("date,precipitation,temp_max,temp_min,wind", "2012-01-01,0.0,12.8,,4.7");
        assertThatThrownBy(() -> WeatherDay.read(empty)).hasMessage(empty + ":2: column temp_min is missing or empty");
        Path date = write("date,precipitation,temp_max,temp_min,wind", "01/01/2012,0.0,12.8,5.0,4.7");
        assertThatThrownBy(() -> WeatherDay.read(date)).hasMessage(date + ":2: column date: '01/01/2012' is not an ISO date (yyyy-mm-dd)");
        Path nan = write("date,precipitation,temp_max,temp_min,wind", "2012-01-01,NaN,12.8,5.0,4.7");
        assertThatThrownBy(() -> WeatherDay.read(nan)).hasMessage(nan + ":2: column precipitation: 'NaN' is not a finite number");
    }

    private Path write(String... lines) throws IOException {
        return Files.write(dir.resolve("weather.csv"), List.of(lines));
    }
}
