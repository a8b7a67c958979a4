package io.vigil.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The SciPy/NumPy reference cases of statistics.md (test resource {@code stats/vectors.json}, copied
 * from the project's shared data): JSON plus little-endian binary arrays for the large cases.
 */
public final class ReferenceVectors {
    private static final JsonNode ROOT = load();

    private ReferenceVectors() {}

    private static JsonNode load() {
        try (InputStream in = ReferenceVectors.class.getResourceAsStream("/stats/vectors.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int declaredCount() { return ROOT.path("meta").path("n_cases").asInt(); }

    public static List<JsonNode> cases() {
        List<JsonNode> all = new ArrayList<>();
        ROOT.path("cases").forEach(all::add);
        return all;
    }

    public static JsonNode byId(String id) {
        return cases().stream().filter(c -> c.path("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no reference case " + id));
    }

    public static List<JsonNode> cases(String type) {
        return cases().stream().filter(c -> c.path("type").asText().equals(type)).toList();
    }

    /** A number as the vectors write it: non-finite values are the strings Infinity, -Infinity and NaN. */
    public static double number(JsonNode node) {
        if (node.isTextual()) return Double.parseDouble(node.asText());
        return node.asDouble();
    }

    public static double[] doubles(JsonNode testCase, String name) {
        JsonNode data = testCase.path("data").path(name);
        if (data.has("values")) {
            JsonNode values = data.path("values");
            double[] out = new double[values.size()];
            for (int i = 0; i < out.length; i++) out[i] = number(values.get(i));
            checkDigest(data, "sha256_f64le", bytes(out));
            return out;
        }
        ByteBuffer buf = file(data);
        double[] out = new double[data.path("count").asInt()];
        buf.asDoubleBuffer().get(out);
        checkDigest(data, "sha256_f64le", buf.array());
        return out;
    }

    public static int[] ints(JsonNode testCase, String name) {
        JsonNode data = testCase.path("data").path(name);
        if (data.has("values")) {
            JsonNode values = data.path("values");
            int[] out = new int[values.size()];
            for (int i = 0; i < out.length; i++) out[i] = values.get(i).asInt();
            return out;
        }
        ByteBuffer buf = file(data);
        int[] out = new int[data.path("count").asInt()];
        buf.asIntBuffer().get(out);
        checkDigest(data, "sha256_i32le", buf.array());
        return out;
    }

    /** Category labels: inline strings, or codes in a binary file mapped through {@code labels_by_code}. */
    public static String[] labels(JsonNode testCase, String name) {
        JsonNode data = testCase.path("data").path(name);
        if (data.has("values")) {
            JsonNode values = data.path("values");
            String[] out = new String[values.size()];
            for (int i = 0; i < out.length; i++) out[i] = values.get(i).asText();
            return out;
        }
        JsonNode byCode = testCase.path("data").path("labels_by_code");
        int[] codes = ints(testCase, name);
        String[] out = new String[codes.length];
        for (int i = 0; i < codes.length; i++) out[i] = byCode.get(codes[i]).asText();
        return out;
    }

    private static ByteBuffer file(JsonNode data) {
        String path = "/stats/" + data.path("file").asText();
        try (InputStream in = ReferenceVectors.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing test resource " + path);
            return ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(double[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asDoubleBuffer().put(values);
        return buf.array();
    }

    // The arrays carry digests: a mismatch means the data was read wrongly, not that a statistic is off.
    private static void checkDigest(JsonNode data, String field, byte[] bytes) {
        if (!data.has(field)) return;
        try {
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (!actual.equals(data.path(field).asText())) {
                throw new IllegalStateException("digest mismatch reading " + data);
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
