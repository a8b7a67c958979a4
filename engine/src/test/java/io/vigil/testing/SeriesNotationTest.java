package io.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.testing.SeriesNotation.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesNotationTest {
    private static Step v(double x) { return new Step.Value(x); }

    @Test
    void interfacesExampleExpandsToEighteenSamples() throws Exception {
        List<Step> s = SeriesNotation.parse("0.9 0.9 0.8x7 0.9x7");
        assertThat(s).hasSize(18);
        assertThat(s.subList(0, 3)).containsExactly(v(0.9), v(0.9), v(0.8));
        assertThat(s.get(9)).isEqualTo(v(0.8));
        assertThat(s.get(10)).isEqualTo(v(0.9));
    }

    @Test
    void promtoolExpansions() throws Exception {
        // As in promtool's docs: '1+1x3' is 1 2 3 4, '5-2x2' is 5 3 1, '_x3' three gaps.
        assertThat(SeriesNotation.parse("1+1x3")).containsExactly(v(1), v(2), v(3), v(4));
        assertThat(SeriesNotation.parse("5-2x2")).containsExactly(v(5), v(3), v(1));
        assertThat(SeriesNotation.parse("-2+4x1")).containsExactly(v(-2), v(2));
        assertThat(SeriesNotation.parse("_x3 stale 7"))
                .containsExactly(new Step.Missing(), new Step.Missing(), new Step.Missing(), new Step.Stale(), v(7));
        assertThat(SeriesNotation.parse("1e-3 _ 2")).containsExactly(v(0.001), new Step.Missing(), v(2));
    }

    @Test
    void badTokensNameTheirColumn() {
        assertThatThrownBy(() -> SeriesNotation.parse("1 2 three"))
                .hasMessage("column 5: cannot read 'three': expected a number, a+bxN, a-bxN, axN, _, _xN or stale");
        assertThatThrownBy(() -> SeriesNotation.parse("1x99999999999999999999"))
                .hasMessageContaining("column 1: repeat count");
    }
}
