package io.vigil.ingest;

import io.vigil.stats.FeatureSample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the body of {@code POST /api/v1/baselines/{model}/{name}}: {@code {"distributions": [...]}},
 * entries as in a snapshot. Returns the features or the first error with its field path.
 */
public final class BaselineParser {
    private static final List<String> FIELDS = List.of("distributions");
    private static final Pattern BASELINE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

    /** The outcome: {@code features} when valid, else {@code error}. */
    public record Result(Map<String, FeatureSample> features, InputError error) {
        public boolean ok() { return error == null; }
    }

    private BaselineParser() {}

    public static Result parse(byte[] json) {
        try {
            ObjectFields body = ObjectFields.of(SnapshotParser.readTree(json), "", "a baseline");
            body.rejectUnknown(FIELDS);
            if (!body.has("distributions")) throw new InvalidInputException("distributions", "required field is missing");
            Map<String, FeatureSample> features = new LinkedHashMap<>();
            for (DistributionParser.Entry e : DistributionParser.parseAll(body, false)) features.put(e.feature(), e.sample());
            if (features.isEmpty()) throw new InvalidInputException("distributions", "a baseline needs at least one feature");
            return new Result(features, null);
        } catch (InvalidInputException e) {
            return new Result(null, e.error);
        }
    }

    /** Checks the model and baseline names of a baseline's address; null when both are fine. */
    public static InputError checkNames(String model, String name) {
        try {
            Names.identifier(model, "model", "model");
        } catch (InvalidInputException e) {
            return e.error;
        }
        if (!BASELINE_NAME.matcher(name).matches()) {
            return new InputError("name", Names.quote(name) + " is not a valid baseline name; use 1 to 200 letters,"
                    + " digits, '_', '.' or '-'");
        }
        return null;
    }
}
