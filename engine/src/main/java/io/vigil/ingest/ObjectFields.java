package io.vigil.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One JSON object of an ingested document and its field path: typed, path-reporting accessors. */
final class ObjectFields {
    private final JsonNode node;
    private final String path;

    private ObjectFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The object at {@code path}; {@code what} names it in the error when it is not an object. */
    static ObjectFields of(JsonNode node, String path, String what) throws InvalidInputException {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(path, "expected " + what + " (a JSON object), found " + describe(node));
        }
        return new ObjectFields(node, path);
    }

    String path() { return path; }

    String path(String field) { return FieldPaths.field(path, field); }

    boolean has(String field) { return node.has(field); }

    JsonNode get(String field) { return node.get(field); }

    /** Rejects the first field (in document order) that is not one of {@code known}. */
    void rejectUnknown(List<String> known) throws InvalidInputException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new InvalidInputException(path(name), "unknown field; expected one of " + String.join(", ", known));
            }
        }
    }

    String requiredString(String field) throws InvalidInputException {
        JsonNode v = node.get(field);
        if (v == null) throw new InvalidInputException(path(field), "required field is missing");
        if (!v.isTextual()) throw new InvalidInputException(path(field), "expected a string, found " + describe(v));
        return v.textValue();
    }

    /** A string → string object, e.g. {@code labels}; absent gives an empty map. */
    Map<String, String> stringMap(String field) throws InvalidInputException {
        JsonNode v = node.get(field);
        Map<String, String> out = new TreeMap<>();
        if (v == null) return out;
        String p = path(field);
        if (!v.isObject()) throw new InvalidInputException(p, "expected an object of strings, found " + describe(v));
        for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new InvalidInputException(FieldPaths.field(p, e.getKey()),
                        "expected a string, found " + describe(e.getValue()));
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /** A finite number. */
    static double finite(JsonNode v, String path) throws InvalidInputException {
        if (v == null || !v.isNumber()) {
            throw new InvalidInputException(path, "expected a finite number, found " + describe(v));
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) throw new InvalidInputException(path, describe(v) + " is not a finite number");
        return d;
    }

    /** A whole number ≥ 0 ({@code 3.0} is accepted, {@code 3.5} is not). */
    static long count(JsonNode v, String path) throws InvalidInputException {
        if (v != null && v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0) return v.longValue();
        if (v != null && v.isFloatingPointNumber()) {
            double d = v.doubleValue();
            if (d >= 0 && d == Math.rint(d) && d <= Long.MAX_VALUE) return (long) d;
        }
        throw new InvalidInputException(path, "expected a whole number >= 0, found " + describe(v));
    }

    /** How a value reads in a message: {@code a string}, {@code NaN}, {@code null}, {@code -3}. */
    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) return "nothing";
        if (v.isNull()) return "null";
        if (v.isTextual()) return "a string";
        if (v.isBoolean()) return "a boolean";
        if (v.isArray()) return "an array";
        if (v.isObject()) return "an object";
        if (v.isNumber()) {
            double d = v.doubleValue();
            if (Double.isNaN(d)) return "NaN";
            if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
            return v.asText();
        }
        return v.getNodeType().name().toLowerCase();
    }
}
