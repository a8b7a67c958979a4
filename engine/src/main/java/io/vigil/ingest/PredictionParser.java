package io.vigil.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.store.Labels;
import io.vigil.stats.quality.ModelKind;
import io.vigil.store.Outcome;
import io.vigil.store.Prediction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses and validates predictions and outcomes (predictions.md §1): one record or an array of them,
 * checked whole before anything is returned; a refusal names the field, e.g.
 * {@code [3].scores: the probabilities sum to 0.9; expected 1 (± 1e-6)}. A model's declared kind
 * (vigil.yaml) decides which prediction field it needs; an undeclared model takes whichever one field
 * a record has.
 */
public final class PredictionParser {
    private static final List<String> PREDICTION_FIELDS = List.of("model", "id", "timestamp", "labels", "features",
            "score", "scores", "class", "value", "replace");
    private static final List<String> OUTCOME_FIELDS = List.of("model", "id", "timestamp", "actual", "replace");
    private static final List<String> KIND_FIELDS = List.of("score", "scores", "value");
    static final int MAX_ID_LENGTH = 200;
    private static final double SUM_TOLERANCE = 1e-6;

    /** The outcome of parsing one document. */
    public sealed interface Result permits Parsed, Rejected {}

    /**
     * Every record was valid (one of the lists is empty).
     *
     * @param array whether the body was an array (then record {@code i}'s path is {@code [i]})
     */
    public record Parsed(List<Prediction> predictions, List<Outcome> outcomes, boolean array) implements Result {
        /** The field path of record {@code index}'s field {@code field}. */
        public String path(int index, String field) {
            return FieldPaths.field(array ? FieldPaths.index("", index) : "", field);
        }
    }

    /** The document was refused; nothing of it may be stored. */
    public record Rejected(InputError error) implements Result {}

    private PredictionParser() {}

    /** Parses a prediction or an array of them; {@code kindOf} gives a model's declared kind or null. */
    public static Result predictions(byte[] json, Function<String, ModelKind> kindOf) {
        try {
            List<Prediction> out = new ArrayList<>();
            Map<String, JsonNode> records = records(json, "a prediction");
            for (Map.Entry<String, JsonNode> e : records.entrySet()) {
                out.add(prediction(e.getValue(), e.getKey(), kindOf));
            }
            return new Parsed(out, List.of(), !records.containsKey(""));
        } catch (InvalidInputException e) {
            return new Rejected(e.error);
        }
    }

    /** Parses an outcome or an array of them. */
    public static Result outcomes(byte[] json, Function<String, ModelKind> kindOf) {
        try {
            List<Outcome> out = new ArrayList<>();
            Map<String, JsonNode> records = records(json, "an outcome");
            for (Map.Entry<String, JsonNode> e : records.entrySet()) {
                out.add(outcome(e.getValue(), e.getKey(), kindOf));
            }
            return new Parsed(List.of(), out, !records.containsKey(""));
        } catch (InvalidInputException e) {
            return new Rejected(e.error);
        }
    }

    /** The records of a body by field path ({@code ""} for a single object, {@code [i]} in an array). */
    private static Map<String, JsonNode> records(byte[] json, String what) throws InvalidInputException {
        JsonNode root = SnapshotParser.readTree(json);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) out.put(FieldPaths.index("", i), root.get(i));
        } else if (root.isObject()) {
            out.put("", root);
        } else {
            throw new InvalidInputException("", "expected " + what + " (a JSON object) or an array of them, found "
                    + ObjectFields.describe(root));
        }
        return out;
    }

    static Prediction prediction(JsonNode node, String path, Function<String, ModelKind> kindOf) throws InvalidInputException {
        ObjectFields p = ObjectFields.of(node, path, "a prediction");
        p.rejectUnknown(PREDICTION_FIELDS);
        String model = Names.identifier(p.requiredString("model"), p.path("model"), "model");
        String id = id(p);
        Instant at = SnapshotParser.timestamp(p);
        Labels labels = labels(p);
        ModelKind kind = kind(p, model, kindOf.apply(model));
        double score = Double.NaN;
        Map<String, Double> scores = Map.of();
        double value = Double.NaN;
        switch (kind) {
            case BINARY -> score = probability(p.get("score"), p.path("score"));
            case MULTICLASS -> scores = scores(p);
            case REGRESSION -> value = ObjectFields.finite(p.get("value"), p.path("value"));
        }
        String predicted = null;
        if (p.has("class")) {
            if (kind == ModelKind.REGRESSION) {
                throw new InvalidInputException(p.path("class"), "a regression model predicts a value, not a class");
            }
            predicted = classText(p.get("class"), p.path("class"));
        }
        return new Prediction(model, id, at, labels, score, scores, predicted, value, features(p), replace(p));
    }

    static Outcome outcome(JsonNode node, String path, Function<String, ModelKind> kindOf) throws InvalidInputException {
        ObjectFields o = ObjectFields.of(node, path, "an outcome");
        o.rejectUnknown(OUTCOME_FIELDS);
        String model = Names.identifier(o.requiredString("model"), o.path("model"), "model");
        String id = id(o);
        Instant at = SnapshotParser.timestamp(o);
        JsonNode actual = o.get("actual");
        String p = o.path("actual");
        if (actual == null) throw new InvalidInputException(p, "required field is missing (a class or a number)");
        ModelKind kind = kindOf.apply(model);
        Outcome out;
        if (actual.isNumber()) {
            out = new Outcome(model, id, at, Outcome.numberText(ObjectFields.finite(actual, p)), actual.doubleValue(), false);
        } else if (kind == ModelKind.REGRESSION) {
            throw new InvalidInputException(p, "model " + model + " is a regression model (vigil.yaml); expected a number, found "
                    + ObjectFields.describe(actual));
        } else {
            out = new Outcome(model, id, at, classText(actual, p), Double.NaN, false);
        }
        return replace(o) ? out.replacing() : out;
    }

    private static String id(ObjectFields r) throws InvalidInputException {
        JsonNode v = r.get("id");
        String path = r.path("id");
        if (v == null) throw new InvalidInputException(path, "required field is missing (the prediction's id, 1 to "
                + MAX_ID_LENGTH + " characters)");
        String id;
        if (v.isTextual()) id = v.textValue();
        else if (v.isIntegralNumber()) id = v.asText();
        else throw new InvalidInputException(path, "expected a string, found " + ObjectFields.describe(v));
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new InvalidInputException(path, "an id is 1 to " + MAX_ID_LENGTH + " characters long, this one "
                    + id.length());
        }
        return id;
    }

    private static Labels labels(ObjectFields r) throws InvalidInputException {
        Labels labels = Labels.of(SnapshotParser.labels(r));
        if (labels.text().length() > SnapshotParser.MAX_LABELS_TEXT) {
            throw new InvalidInputException(r.path("labels"), "the label set takes " + labels.text().length()
                    + " characters; at most " + SnapshotParser.MAX_LABELS_TEXT + " are allowed");
        }
        return labels;
    }

    /** The record's kind from the one kind field it has, checked against the declared kind. */
    private static ModelKind kind(ObjectFields p, String model, ModelKind declared) throws InvalidInputException {
        List<String> present = new ArrayList<>();
        for (String f : KIND_FIELDS) if (p.has(f)) present.add(f);
        if (declared != null) {
            for (String f : present) {
                if (!f.equals(declared.field())) {
                    throw new InvalidInputException(p.path(f), "model " + model + " is " + declared.yamlName()
                            + " (vigil.yaml): its predictions give " + declared.field() + ", not " + f);
                }
            }
            if (present.isEmpty()) {
                throw new InvalidInputException(p.path(declared.field()), "required field is missing (model " + model
                        + " is " + declared.yamlName() + ")");
            }
            return declared;
        }
        if (present.size() != 1) {
            throw new InvalidInputException(present.isEmpty() ? p.path("score") : p.path(present.get(1)),
                    present.isEmpty() ? "required field is missing: a prediction gives score (binary), scores (multiclass)"
                            + " or value (regression)" : "a prediction gives exactly one of score, scores and value, this one "
                            + String.join(" and ", present));
        }
        return switch (present.get(0)) {
            case "score" -> ModelKind.BINARY;
            case "scores" -> ModelKind.MULTICLASS;
            default -> ModelKind.REGRESSION;
        };
    }

    private static double probability(JsonNode v, String path) throws InvalidInputException {
        double d = ObjectFields.finite(v, path);
        if (d < 0 || d > 1) throw new InvalidInputException(path, "a probability is from 0 to 1, found " + v.asText());
        return d;
    }

    private static Map<String, Double> scores(ObjectFields p) throws InvalidInputException {
        JsonNode v = p.get("scores");
        String path = p.path("scores");
        if (!v.isObject() || v.isEmpty()) {
            throw new InvalidInputException(path, "expected an object of class → probability, found " + ObjectFields.describe(v));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        double sum = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String classPath = FieldPaths.field(path, e.getKey());
            if (e.getKey().isEmpty() || e.getKey().length() > Names.MAX_LENGTH) {
                throw new InvalidInputException(classPath, "a class name is 1 to " + Names.MAX_LENGTH + " characters long");
            }
            double d = probability(e.getValue(), classPath);
            out.put(e.getKey(), d);
            sum += d;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new InvalidInputException(path, "the probabilities sum to " + sum + "; expected 1 (± 1e-6)");
        }
        return out;
    }

    /** A class: a string, a boolean ({@code true}/{@code false}) or a number (its shortest decimal text). */
    private static String classText(JsonNode v, String path) throws InvalidInputException {
        String text;
        if (v.isTextual()) text = v.textValue();
        else if (v.isBoolean()) text = Boolean.toString(v.booleanValue());
        else if (v.isNumber()) text = Outcome.numberText(ObjectFields.finite(v, path));
        else throw new InvalidInputException(path, "expected a class (a string, boolean or number), found " + ObjectFields.describe(v));
        if (text.isEmpty() || text.length() > Names.MAX_LENGTH) {
            throw new InvalidInputException(path, "a class is 1 to " + Names.MAX_LENGTH + " characters long");
        }
        return text;
    }

    private static Map<String, Prediction.FeatureValue> features(ObjectFields p) throws InvalidInputException {
        JsonNode v = p.get("features");
        if (v == null) return Map.of();
        String path = p.path("features");
        if (!v.isObject()) throw new InvalidInputException(path, "expected an object of feature → value, found " + ObjectFields.describe(v));
        Map<String, Prediction.FeatureValue> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String fp = FieldPaths.field(path, e.getKey());
            Names.feature(e.getKey(), fp);
            JsonNode f = e.getValue();
            if (f.isNull()) out.put(e.getKey(), Prediction.FeatureValue.NULL);
            else if (f.isNumber()) out.put(e.getKey(), Prediction.FeatureValue.of(ObjectFields.finite(f, fp)));
            else if (f.isTextual()) out.put(e.getKey(), Prediction.FeatureValue.of(f.textValue()));
            else throw new InvalidInputException(fp, "expected a number, a string or null, found " + ObjectFields.describe(f));
        }
        return out;
    }

    private static boolean replace(ObjectFields r) throws InvalidInputException {
        JsonNode v = r.get("replace");
        if (v == null) return false;
        if (!v.isBoolean()) throw new InvalidInputException(r.path("replace"), "expected true or false, found " + ObjectFields.describe(v));
        return v.booleanValue();
    }
}
