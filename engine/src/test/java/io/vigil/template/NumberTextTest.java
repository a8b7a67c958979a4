package io.vigil.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberTextTest {

    // Expected texts are what ECMAScript's Number.prototype.toString prints (checked with node 18),
    // except the non-finite and negative-zero cases, which are Vigil's own documented choices.
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "1                       | 1",
        "0.1                     | 0.1",
        "0.30000000000000004     | 0.30000000000000004",
        "1e21                    | 1e+21",
        "1e20                    | 100000000000000000000",
        "1.5e-7                  | 1.5e-7",
        "0.000001                | 0.000001",
        "0.0000015               | 0.0000015",
        "1.2345678901234568e20   | 123456789012345680000",
        "-2.5                    | -2.5",
        "100                     | 100",
        "2e-3                    | 0.002",
        "5e-324                  | 5e-324",
        "1.7976931348623157e308  | 1.7976931348623157e+308",
        "0.3333333333333333      | 0.3333333333333333",
        "9007199254740993        | 9007199254740992",
        "100000.00000000001      | 100000.00000000001",
        "12345678.9              | 12345678.9",
        "2.82879384806159E17     | 282879384806159000",
        "-0.0                    | 0",
        "NaN                     | NaN",
        "Infinity                | +Inf",
        "-Infinity               | -Inf",
    })
    void printsTheShortestTextThatReadsBack(double x, String expected) {
        assertThat(NumberText.format(x)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} reads back")
    @CsvSource({"5e-324", "2.82879384806159E17", "0.30000000000000004", "1e23", "4.35", "123456.789e3"})
    void everyPrintedNumberReadsBackExactly(double x) {
        assertThat(Double.parseDouble(NumberText.format(x))).isEqualTo(x);
    }
}
