package io.vigil.template;

import java.time.Instant;
import java.util.Map;

/**
 * The values a template can name (language.md §5) for one alert instance. Null text renders as empty.
 *
 * @param since when the instance started firing, or null while it has not fired
 */
public record TemplateContext(
        double value,
        Map<String, String> labels,
        String rule,
        String model,
        String severity,
        String state,
        Instant since,
        String runbook) {

    public TemplateContext {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
