package io.vigil.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** The quickstart's weather data as tests see it (surefire runs in engine/, the data lives in examples/). */
final class WeatherFixture {
    static final Path QUICKSTART = Path.of("..", "examples", "quickstart");
    static final Path CSV = QUICKSTART.resolve("data/seattle-weather.csv");

    private static List<WeatherDay> days;

    private WeatherFixture() {}

    static synchronized List<WeatherDay> days() {
        if (days == null) {
            try {
                days = WeatherDay.read(CSV);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return days;
    }

    static WeatherDay day(String isoDate) {
        LocalDate date = LocalDate.parse(isoDate);
        return days().stream().filter(d -> d.date().equals(date)).findFirst().orElseThrow();
    }
}
