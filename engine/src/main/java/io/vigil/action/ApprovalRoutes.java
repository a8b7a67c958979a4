package io.vigil.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.notify.ApiJson;
import io.vigil.server.ApiError;
import io.vigil.server.ApiServer;
import io.vigil.server.BodyReader;
import io.vigil.server.RouteGroup;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/v1/approvals/{id}} with {@code {"decision": "approve" | "reject", "by": "alice"}},
 * {@code GET /api/v1/approvals[?state=waiting]} and {@code GET /api/v1/approvals/{id}}.
 */
public final class ApprovalRoutes implements RouteGroup {
    private final Approvals approvals;
    private final Clock clock;
    private final Runnable wake;

    public ApprovalRoutes(Approvals approvals, Clock clock, Runnable wake) {
        this.approvals = approvals;
        this.clock = clock;
        this.wake = wake;
    }

    @Override
    public void register(RoutesConfig routes, BodyReader bodies) {
        routes.get("/api/v1/approvals", this::list);
        routes.get("/api/v1/approvals/{id}", this::one);
        routes.post("/api/v1/approvals/{id}", ctx -> decide(ctx, bodies));
    }

    private void list(Context ctx) {
        String state = ctx.queryParam("state");
        if (state != null && !List.of("waiting", "approved", "rejected", "expired").contains(state)) {
            throw new ApiError(400, "state must be waiting, approved, rejected or expired, got '" + state + "'", "state");
        }
        ApiServer.json(ctx, approvals.list(state).stream().map(ApprovalRoutes::json).toList());
    }

    private void one(Context ctx) {
        long id = ApiJson.id(ctx, "approval");
        Approvals.Request r = approvals.get(id);
        if (r == null) throw new ApiError(404, "no approval " + id);
        ApiServer.json(ctx, json(r));
    }

    private void decide(Context ctx, BodyReader bodies) {
        long id = ApiJson.id(ctx, "approval");
        JsonNode body = ApiJson.object(ctx, bodies);
        String decision = ApiJson.text(body, "decision", null);
        if (decision == null) throw new ApiError(400, "required: \"approve\" or \"reject\"", "decision");
        Approvals.Decision d = switch (decision.toLowerCase(Locale.ROOT)) {
            case "approve" -> Approvals.Decision.APPROVE;
            case "reject" -> Approvals.Decision.REJECT;
            default -> throw new ApiError(400, "expected \"approve\" or \"reject\", got '" + decision + "'", "decision");
        };
        String by = ApiJson.text(body, "by", "");
        if (by.isBlank()) by = "api (" + ctx.ip() + ")";
        try {
            Approvals.Request r = approvals.decide(id, d, by.strip(), clock.instant());
            wake.run();
            ApiServer.json(ctx, json(r));
        } catch (Approvals.Refused e) {
            throw new ApiError(e.status(), e.getMessage());
        }
    }

    static Map<String, Object> json(Approvals.Request r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("action", r.action());
        m.put("model", r.model());
        m.put("rule", r.rule());
        m.put("state", r.state());
        m.put("requested_at", r.requestedAt().toString());
        m.put("expires_at", r.expiresAt().toString());
        m.put("decided_by", r.decidedBy());
        m.put("decided_at", r.decidedAt() == null ? null : r.decidedAt().toString());
        m.put("run", r.runState());
        return m;
    }
}
