package io.vigil.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.config.DurationText;
import io.vigil.label.LabelMatcher;
import io.vigil.ingest.Timestamps;
import io.vigil.server.ApiError;
import io.vigil.server.ApiServer;
import io.vigil.server.BodyReader;
import io.vigil.server.RouteGroup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/silences}, {@code GET /api/v1/silences[?state=active]},
 * {@code GET /api/v1/silences/{id}} and {@code DELETE /api/v1/silences/{id}} (ends it now; the record stays).
 *
 * <p>A new silence: {@code {"matchers": ["model=churn", "segment=EU"], "duration": "4h", "comment": "..."}};
 * matchers may also be one string {@code "model=churn,segment=EU"}; {@code starts_at} (default now) and
 * {@code ends_at} (ISO-8601) may replace {@code duration}; {@code created_by} says who.
 */
public final class SilenceRoutes implements RouteGroup {
    private final Silences silences;
    private final Clock clock;

    public SilenceRoutes(Silences silences, Clock clock) {
        this.silences = silences;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes, BodyReader bodies) {
        routes.get("/api/v1/silences", this::list);
        routes.post("/api/v1/silences", ctx -> create(ctx, bodies));
        routes.get("/api/v1/silences/{id}", ctx -> ApiServer.json(ctx, json(existing(ctx), clock.instant())));
        routes.delete("/api/v1/silences/{id}", this::end);
    }

    private void list(Context ctx) {
        String state = ctx.queryParam("state");
        if (state != null && !List.of("active", "pending", "expired").contains(state)) {
            throw new ApiError(400, "state must be active, pending or expired, got '" + state + "'", "state");
        }
        Instant now = clock.instant();
        ApiServer.json(ctx, silences.all().stream().filter(s -> state == null || s.state(now).equals(state))
                .map(s -> json(s, now)).toList());
    }

    private void create(Context ctx, BodyReader bodies) {
        JsonNode body = ApiJson.object(ctx, bodies);
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("matchers", "starts_at", "ends_at", "duration", "comment", "created_by").contains(f)) {
                throw new ApiError(400, "unknown field (expected matchers, starts_at, ends_at, duration, comment, "
                        + "created_by)", f);
            }
        }
        List<LabelMatcher> matchers = matchers(body.get("matchers"));
        Instant now = clock.instant();
        Instant starts = instant(body, "starts_at", now);
        Instant ends = instant(body, "ends_at", null);
        String duration = ApiJson.text(body, "duration", null);
        if ((ends == null) == (duration == null)) {
            throw new ApiError(400, "give either duration (e.g. \"4h\") or ends_at", ends == null ? "duration" : "ends_at");
        }
        if (duration != null) {
            Duration d = DurationText.parse(duration);
            if (d == null || d.isZero()) {
                throw new ApiError(400, "expected a duration such as 30m, 4h or 2d, got '" + duration + "'", "duration");
            }
            if (d.compareTo(Duration.between(starts, Timestamps.LATEST)) > 0) {
                throw new ApiError(400, "would end after " + Timestamps.LATEST, "duration");
            }
            ends = starts.plus(d);
        }
        if (!ends.isAfter(starts)) throw new ApiError(400, "ends before it starts", "ends_at");
        if (!ends.isAfter(now)) throw new ApiError(400, "ends in the past, so it would mute nothing", "ends_at");
        String comment = ApiJson.text(body, "comment", "");
        if (comment.isBlank()) throw new ApiError(400, "required: say why the alerts are muted", "comment");
        String by = ApiJson.text(body, "created_by", "api");
        Silence s = silences.add(matchers, starts, ends, comment.strip(), by.isBlank() ? "api" : by.strip(), now);
        ctx.status(201);
        ApiServer.json(ctx, json(s, now));
    }

    private static List<LabelMatcher> matchers(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node == null || node.isNull()) throw new ApiError(400, "required, e.g. [\"model=churn\", \"segment=EU\"]", "matchers");
        if (node.isTextual()) {
            texts.addAll(Silence.split(node.asText()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isTextual()) throw new ApiError(400, "expected a string such as model=churn", "matchers[" + i + "]");
                texts.add(node.get(i).asText());
            }
        } else {
            throw new ApiError(400, "expected a list of matchers such as [\"model=churn\"]", "matchers");
        }
        if (texts.isEmpty() || texts.stream().allMatch(String::isBlank)) {
            throw new ApiError(400, "needs at least one matcher (model=~\".*\" mutes everything)", "matchers");
        }
        List<LabelMatcher> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                out.add(LabelMatcher.parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, e.getMessage(), "matchers[" + i + "]");
            }
        }
        return out;
    }

    private static Instant instant(JsonNode body, String field, Instant fallback) {
        String text = ApiJson.text(body, field, null);
        if (text == null) return fallback;
        Instant at;
        try {
            at = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "expected an ISO-8601 time such as 2026-11-26T10:00:00Z, got '" + text + "'", field);
        }
        if (!Timestamps.inRange(at)) {
            throw new ApiError(400, "'" + text + "' is out of range; times from " + Timestamps.RANGE + " are accepted",
                    field);
        }
        return at;
    }

    private Silence existing(Context ctx) {
        long id = ApiJson.id(ctx, "silence");
        Silence s = silences.get(id);
        if (s == null) throw new ApiError(404, "no silence " + id);
        return s;
    }

    private void end(Context ctx) {
        Silence s = existing(ctx);
        String by = ctx.queryParam("by");
        Instant now = clock.instant();
        ApiServer.json(ctx, json(silences.end(s.id(), by == null || by.isBlank() ? "api" : by, now), now));
    }

    static Map<String, Object> json(Silence s, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("matchers", s.matchers().stream().map(LabelMatcher::toString).toList());
        m.put("starts_at", s.startsAt().toString());
        m.put("ends_at", s.endsAt().toString());
        m.put("state", s.state(now));
        m.put("comment", s.comment());
        m.put("created_by", s.createdBy());
        m.put("created_at", s.createdAt().toString());
        m.put("ended_by", s.endedBy());
        return m;
    }
}
