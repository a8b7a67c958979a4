package io.vigil.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each case gives the template, a caret line marking where the error must point, and the message. */
class TemplateErrorsTest {

    private static void assertError(String template, String caret, String message) {
        Template.Result r = Template.parse(template);
        assertThat(r.template()).isNull();
        assertThat(r.errors()).containsExactly(new TemplateError(caret.indexOf('^'), message));
    }

    private static final String KNOWN = "(known: value, labels.<name>, rule, model, severity, state, since, runbook)";
    private static final String FILTERS = "(known: round(n), pct, upper, lower)";

    @Test
    void unknownName() {
        assertError("Value {{ vaule }}",
                    "         ^", "unknown name 'vaule' in template " + KNOWN);
    }

    @Test
    void unknownFilter() {
        assertError("{{ value | rnd(2) }}",
                    "           ^", "unknown filter 'rnd' " + FILTERS);
    }

    @Test
    void unclosedPlaceholder() {
        assertError("ok {{ value }} then {{ value",
                    "                    ^", "unclosed '{{'");
    }

    @Test
    void emptyPlaceholder() {
        assertError("a {{  }} b",
                    "  ^", "empty '{{ }}': expected a name " + KNOWN);
    }

    @Test
    void roundNeedsItsArgument() {
        assertError("{{ value | round }}",
                    "           ^", "filter 'round' needs a number of decimal places: round(n)");
        assertError("{{ value | round(x) }}",
                    "                 ^", "round(n) needs a whole number of decimal places from 0 to 15, got 'x'");
        assertError("{{ value | round(16) }}",
                    "                 ^", "round(n) needs a whole number of decimal places from 0 to 15, got '16'");
        assertError("{{ value | round(2 }}",
                    "                ^", "unclosed '(' in round(n)");
    }

    @Test
    void argumentlessFiltersRefuseArguments() {
        assertError("{{ value | pct(1) }}",
                    "              ^", "filter 'pct' takes no argument");
    }

    @Test
    void numberFiltersNeedNumbers() {
        assertError("{{ rule | round(2) }}",
                    "          ^", "filter 'round' needs a number, but 'rule' is text");
        assertError("{{ value | upper | pct }}",
                    "                   ^", "filter 'pct' needs a number, but 'value | upper' is text");
        assertError("{{ since | pct }}",
                    "           ^", "filter 'pct' needs a number, but 'since' is a time");
        assertError("{{ labels.x | round(1) }}",
                    "              ^", "filter 'round' needs a number, but 'labels.x' is text");
    }

    @Test
    void labelsNeedAName() {
        assertError("{{ labels }}",
                    "   ^", "'labels' needs a label name: labels.<name>");
        assertError("{{ labels.1x }}",
                    "   ^", "invalid label name '1x' in template");
    }

    @Test
    void strayTokens() {
        assertError("{{ value value }}",
                    "         ^", "unexpected 'v' in template; expected '|' or '}}'");
        assertError("{{ value | }}",
                    "           ^", "expected a filter after '|' " + FILTERS);
        assertError("{{ $value }}",
                    "   ^", "unexpected '$' in template; expected a name");
    }

    @Test
    void indexCountsCodePointsNotUtf16Units() {
        // 😀 is two UTF-16 units but one code point: the error is at index 5, not 6.
        assertThat(Template.parse("😀 {{ vaule }}").errors())
                .extracting(TemplateError::index).containsExactly(5);
    }

    @Test
    void everyErrorIsReportedInOrder() {
        Template.Result r = Template.parse("{{ vaule }} and {{ value | rnd }} and {{ value }}");
        assertThat(r.errors()).extracting(TemplateError::index).containsExactly(3, 27);
        assertThat(r.errors()).extracting(TemplateError::message).containsExactly(
                "unknown name 'vaule' in template " + KNOWN, "unknown filter 'rnd' " + FILTERS);
    }

    @Test
    void textWithoutPlaceholdersIsValid() {
        assertThat(Template.parse("no placeholders } here {").errors()).isEqualTo(List.of());
        assertThat(Template.parse("").ok()).isTrue();
    }
}
