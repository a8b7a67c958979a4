package io.vigil.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one label matcher: how silences and the API write it, how rules and the store match with it. */
class LabelMatcherTest {

    private static final Map<String, String> EU = Map.of("model", "churn", "segment", "EU");

    @Test
    void matchesAsPrometheusDoes() {
        assertThat(LabelMatcher.parse("model=churn").matches(EU)).isTrue();
        assertThat(LabelMatcher.parse("model = \"churn\"").matches(EU)).isTrue();
        assertThat(LabelMatcher.parse("segment!=EU").matches(EU)).isFalse();
        assertThat(LabelMatcher.parse("segment=~E").matches(EU)).as("regexes are fully anchored").isFalse();
        assertThat(LabelMatcher.parse("segment=~\"E.\"").matches(EU)).isTrue();
        assertThat(LabelMatcher.parse("segment!~\"US|APAC\"").matches(EU)).isTrue();
        assertThat(LabelMatcher.parse("region=\"\"").matches(EU)).as("a missing label is the empty string").isTrue();
        assertThat(LabelMatcher.parse("region!=eu").matches(EU)).isTrue();
        assertThat(LabelMatcher.re("region", ".+").matches("")).as("an absent label does not match .+").isFalse();
        assertThat(LabelMatcher.nre("segment", "EU|US").matches("APAC")).isTrue();
    }

    @Test
    void equalByLabelOperatorAndPatternText() {
        // Two compiled java.util.regex.Patterns are never equal; the matchers must be, or equal
        // selectors of two rules would run two queries.
        assertThat(LabelMatcher.re("segment", "E.*")).isEqualTo(LabelMatcher.parse("segment=~\"E.*\""))
                .hasSameHashCodeAs(LabelMatcher.re("segment", "E.*"));
        assertThat(new HashSet<>(List.of(LabelMatcher.re("a", "x"), LabelMatcher.re("a", "x"), LabelMatcher.nre("a", "x"),
                LabelMatcher.re("b", "x"), LabelMatcher.re("a", "x|x")))).hasSize(4);
        assertThat(LabelMatcher.eq("a", "x")).isNotEqualTo(LabelMatcher.re("a", "x"));
    }

    @Test
    void writesWhatItReads() {
        assertThat(LabelMatcher.parse("a=~x.*").toString()).isEqualTo("a=~\"x.*\"");
        assertThat(LabelMatcher.parse("note=\"say \\\"hi\\\"\"").value()).isEqualTo("say \"hi\"");
        for (LabelMatcher m : new LabelMatcher[] {
                LabelMatcher.eq("note", "say \"hi\"\n\tback\\slash"), LabelMatcher.ne("x", ""),
                LabelMatcher.re("v", "3\\..*"), LabelMatcher.nre("c", "\u0001")}) {
            assertThat(LabelMatcher.parse(m.toString())).as(m.toString()).isEqualTo(m);
        }
    }

    @Test
    void badTextIsRejectedWithAMessage() {
        assertThatThrownBy(() -> LabelMatcher.parse("1x=y")).hasMessageStartingWith("expected a matcher such as");
        assertThatThrownBy(() -> LabelMatcher.parse("x=~[")).hasMessageStartingWith("invalid regular expression '['");
        assertThatThrownBy(() -> LabelMatcher.re("x", "(")).isInstanceOf(IllegalArgumentException.class);
    }
}
