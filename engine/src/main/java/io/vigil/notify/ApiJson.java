package io.vigil.notify;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import io.vigil.server.ApiError;
import io.vigil.server.BodyReader;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading request bodies and ids, and writing rows, the same way in the notification and action APIs. */
public final class ApiJson {
    // A key given twice is refused, not silently resolved to its last value (as the ingest API does).
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'");

    private ApiJson() {}

    /** The body as a JSON object; 400 when it is not one. */
    public static JsonNode object(Context ctx, BodyReader bodies) {
        JsonNode body;
        try {
            body = JSON.readTree(bodies.read(ctx));
        } catch (IOException e) {
            String first = e.getMessage().lines().findFirst().orElse("");
            Matcher duplicate = DUPLICATE.matcher(first);
            if (duplicate.find()) {
                throw new ApiError(400, "the key '" + duplicate.group(1) + "' is given twice", duplicate.group(1));
            }
            throw new ApiError(400, "the body is not valid JSON: " + first);
        }
        if (body == null || !body.isObject()) throw new ApiError(400, "expected a JSON object");
        return body;
    }

    /** A text field, or {@code fallback} when absent; 400 when present but not a string. */
    public static String text(JsonNode body, String field, String fallback) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return fallback;
        if (!n.isTextual()) throw new ApiError(400, "expected a string", field);
        // PostgreSQL cannot store NUL in text (the write failed as 503, which clients retry forever).
        if (n.asText().indexOf('\u0000') >= 0) throw new ApiError(400, "contains a NUL character (U+0000)", field);
        return n.asText();
    }

    /** A numeric path parameter; 400 when it is not a number. */
    public static long id(Context ctx, String what) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ApiError(400, what + " id must be a number, got '" + raw + "'", "id");
        }
    }

    /** An alert event as JSON, times in ISO-8601. */
    static JsonNode alert(AlertEvent a) {
        try {
            return JSON.readTree(a.toJson());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String time(Instant t) { return t == null ? null : t.toString(); }

    /** A delivery as the API shows it. */
    static Map<String, Object> delivery(Deliveries.Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("kind", r.kind());
        m.put(r.kind().equals("action") ? "action" : "channel", r.target());
        m.put("model", r.model());
        m.put("rule", r.rule());
        m.put("event", r.event());
        m.put("state", r.state());
        m.put("attempts", r.attempts());
        m.put("created_at", time(r.createdAt()));
        m.put("next_attempt_at", r.state().equals("pending") ? time(r.nextAt()) : null);
        m.put("finished_at", time(r.finishedAt()));
        m.put("last_error", r.lastError());
        m.put("result", r.result());
        m.put("idempotency_key", r.idempotencyKey());
        return m;
    }
}
