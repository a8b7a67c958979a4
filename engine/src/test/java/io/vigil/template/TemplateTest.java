package io.vigil.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateTest {
    private static final Instant FIRED = Instant.parse("2026-11-26T10:15:00Z");

    private static TemplateContext ctx(double value, Map<String, String> labels) {
        return new TemplateContext(value, labels, "income_drift", "churn", "critical", "firing", FIRED,
                "https://wiki.example.com/drift");
    }

    private static String render(String template, double value) {
        return Template.of(template).render(ctx(value, Map.of("feature", "income", "segment", "EU")));
    }

    @Test
    void languageSpecSummaryRenders() {
        assertThat(render("PSI of {{labels.feature}} is {{value | round(3)}} (limit 0.2)", 0.31234))
                .isEqualTo("PSI of income is 0.312 (limit 0.2)");
    }

    @Test
    void everyNameRenders() {
        assertThat(render("{{value}} {{labels.segment}} {{rule}} {{model}} {{severity}} {{state}} {{since}} {{runbook}}",
                0.25))
                .isEqualTo("0.25 EU income_drift churn critical firing 2026-11-26T10:15:00Z https://wiki.example.com/drift");
    }

    @Test
    void missingLabelAndUnsetFieldsRenderEmpty() {
        TemplateContext pending = new TemplateContext(1, Map.of(), "r", "m", "warning", "pending", null, null);
        assertThat(Template.of("[{{labels.nope}}|{{since}}|{{runbook}}]").render(pending)).isEqualTo("[||]");
    }

    @ParameterizedTest(name = "{0} | {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
        "0.123   ; pct        ; 12.3%",
        "0.5     ; pct        ; 50%",
        "1       ; pct        ; 100%",
        "0.1234  ; pct        ; 12.3%",
        // 0.12355 × 100 = 12.355 as written: the half rounds away from zero
        "0.12355 ; pct        ; 12.4%",
        "-0.0005 ; pct        ; -0.1%",
        "2.5     ; round(0)   ; 3",
        "-2.5    ; round(0)   ; -3",
        // rounding works on the number as printed, not on its binary approximation (1.00499999…)
        "1.005   ; round(2)   ; 1.01",
        "0.1235  ; round(3)   ; 0.124",
        "0.1     ; round(5)   ; 0.1",
        "1234.5678 ; round(1) | round(0) ; 1235",
        "0.0312  ; round(2) | pct ; 3%",
        "NaN     ; round(2)   ; NaN",
        "NaN     ; pct        ; NaN%",
    })
    void numberFilters(double value, String filters, String expected) {
        assertThat(render("{{ value | " + filters + " }}", value)).isEqualTo(expected);
    }

    @Test
    void textFiltersChain() {
        assertThat(render("{{ severity | upper }} {{labels.segment|lower}} {{ rule | upper | lower }}", 0))
                .isEqualTo("CRITICAL eu income_drift");
        assertThat(render("{{ value | round(1) | upper }}", 1e21)).isEqualTo("1E+21");
    }

    @Test
    void onlyDoubleOpeningBracesAreSpecial() {
        assertThat(render("{\"a\": {\"v\": {{value}}}} } { }}", 7)).isEqualTo("{\"a\": {\"v\": 7}} } { }}");
    }

    @Test
    void jsonModeEscapesValuesSoHostileLabelsStayInsideTheirString() throws Exception {
        String hostile = "x\", \"admin\": true, \"y\": \"\\\n\t\u0001\u2028";
        Template t = Template.of("{\"segment\": \"{{labels.segment}}\", \"value\": {{value}}}");
        String body = t.render(ctx(0.5, Map.of("segment", hostile)), Escape.JSON);
        JsonNode parsed = new ObjectMapper().readTree(body);
        assertThat(parsed.get("segment").asText()).isEqualTo(hostile);
        assertThat(parsed.has("admin")).isFalse();
        assertThat(parsed.get("value").asDouble()).isEqualTo(0.5);
        assertThat(body).contains("\\u0001").contains("\\u2028").contains("\\n").contains("\\t");
    }

    @Test
    void plainModeInsertsValuesLiterallyAndHtmlModeEscapesMarkup() {
        Template t = Template.of("<b>{{labels.segment}}</b>");
        TemplateContext c = ctx(0, Map.of("segment", "<script>'&\"</script>"));
        assertThat(t.render(c)).isEqualTo("<b><script>'&\"</script></b>");
        assertThat(t.render(c, Escape.HTML)).isEqualTo("<b>&lt;script&gt;&#39;&amp;&quot;&lt;/script&gt;</b>");
    }

    @Test
    void parsesIntoLiteralAndPlaceholderParts() {
        Template t = Template.of("acc {{ labels.segment }}: {{value|round(2)|pct}}");
        assertThat(t.parts()).containsExactly(
                new Part.Literal("acc "),
                new Part.Placeholder(Field.LABEL, "segment", List.of(), 4),
                new Part.Literal(": "),
                new Part.Placeholder(Field.VALUE, null,
                        List.of(new Filter(Filter.Op.ROUND, 2, 34), new Filter(Filter.Op.PCT, 0, 43)), 26));
    }
}
