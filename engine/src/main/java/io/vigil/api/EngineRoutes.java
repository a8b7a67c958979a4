package io.vigil.api;

import io.vigil.server.ApiError;
import io.vigil.server.ApiServer;
import io.vigil.server.BodyReader;
import io.vigil.server.RouteGroup;
import io.vigil.store.StoreException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.check.Durations;
import io.vigil.check.ResolvedRule;
import io.vigil.compile.CompiledGroup;
import io.vigil.plan.RulePlan;
import io.vigil.runtime.AlertRepository;
import io.vigil.runtime.AlertState;
import io.vigil.runtime.AlertStatus;
import io.vigil.runtime.Engine;
import io.vigil.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/** The engine's read API: loaded rules, alert instances and their history, health, and Prometheus metrics. */
public final class EngineRoutes implements RouteGroup {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Engine engine;
    private final Database database;
    private final LongFunction<List<Map<String, Object>>> notifications;

    public EngineRoutes(Engine engine, Database database) {
        this(engine, database, id -> List.of());
    }

    /** With {@code notifications}, an alert's history also lists the notifications and action runs of it. */
    public EngineRoutes(Engine engine, Database database, LongFunction<List<Map<String, Object>>> notifications) {
        this.engine = engine;
        this.database = database;
        this.notifications = notifications;
    }

    @Override
    public void register(RoutesConfig routes, BodyReader bodies) {
        ApiServer.unavailableOn(StoreException.class, "the store").register(routes, bodies);
        routes.get("/api/v1/rules", ctx -> ApiServer.json(ctx, rules(null, null)));
        routes.get("/api/v1/rules/{model}/{rule}", this::rule);
        routes.get("/api/v1/alerts", this::alerts);
        routes.get("/api/v1/alerts/{id}", ctx -> ApiServer.json(ctx, alert(alertRow(ctx))));
        routes.get("/api/v1/alerts/{id}/history", this::history);
        routes.get("/api/v1/health", this::health);
        routes.get("/metrics", this::metrics);
        routes.get("/api/v1/metrics", this::metrics);
        routes.after("/api/v1/snapshots", ctx -> {
            if ("POST".equals(ctx.method().name())) {
                engine.metrics().add(ctx.statusCode() < 300 ? "vigil_ingest_requests_accepted_total"
                        : "vigil_ingest_requests_rejected_total", 1);
            }
        });
    }

    private List<Map<String, Object>> rules(String model, String name) {
        Map<String, AlertRepository.RuleEvaluation> evals = engine.repository().ruleEvaluations();
        Map<String, int[]> counts = new HashMap<>();
        for (AlertRepository.AlertRow a : engine.repository().alerts(null)) {
            int[] c = counts.computeIfAbsent(a.model() + "/" + a.rule(), k -> new int[2]);
            if (a.state().status() == AlertStatus.PENDING) c[0]++;
            if (a.state().status() == AlertStatus.FIRING) c[1]++;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (CompiledGroup g : engine.loaded().compiled().groups()) {
            for (RulePlan p : g.rules()) {
                ResolvedRule r = p.rule();
                if (model != null && !(r.model().equals(model) && r.name().equals(name))) continue;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", r.id());
                m.put("model", r.model());
                m.put("rule", r.name());
                m.put("location", r.location());
                m.put("schedule", r.schedule().key());
                m.put("condition", r.when().span().text());
                m.put("for", Durations.format(r.forDuration()));
                m.put("keep_firing_for", Durations.format(r.keepFiringFor()));
                m.put("severity", r.severity());
                m.put("labels", r.labels());
                m.put("channels", r.notifications().stream().map(ResolvedRule.NotifySpec::channel).toList());
                m.put("triggers", r.triggers().stream().map(ResolvedRule.TriggerSpec::action).toList());
                AlertRepository.RuleEvaluation e = evals.get(r.id());
                Map<String, Object> last = new LinkedHashMap<>();
                if (e != null) {
                    last.put("at", e.at().toString());
                    last.put("duration_ms", e.durationMs());
                    last.put("error", e.error());
                }
                m.put("last_evaluation", e == null ? null : last);
                int[] c = counts.getOrDefault(r.id(), new int[2]);
                m.put("state", c[1] > 0 ? "firing" : c[0] > 0 ? "pending" : "inactive");
                m.put("alerts", Map.of("pending", c[0], "firing", c[1]));
                out.add(m);
            }
        }
        return out;
    }

    private void rule(Context ctx) {
        List<Map<String, Object>> found = rules(ctx.pathParam("model"), ctx.pathParam("rule"));
        if (found.isEmpty()) {
            throw new ApiError(404, "no rule " + ctx.pathParam("model") + "/" + ctx.pathParam("rule") + " is loaded");
        }
        ApiServer.json(ctx, found.get(0));
    }

    private void alerts(Context ctx) {
        String state = ctx.queryParam("state");
        AlertStatus status = null;
        if (state != null && !state.isEmpty()) {
            try {
                status = AlertStatus.valueOf(state.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "state must be pending, firing or inactive, got '" + state + "'", "state");
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (AlertRepository.AlertRow a : engine.repository().alerts(status)) {
            // Without a filter show what is active now, as Prometheus' /api/v1/alerts does.
            if (status == null && a.state().status() == AlertStatus.INACTIVE) continue;
            out.add(alert(a));
        }
        ApiServer.json(ctx, out);
    }

    private AlertRepository.AlertRow alertRow(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new ApiError(400, "alert id must be a number, got '" + ctx.pathParam("id") + "'", "id");
        }
        AlertRepository.AlertRow a = engine.repository().alert(id);
        if (a == null) throw new ApiError(404, "no alert " + id);
        return a;
    }

    private void history(Context ctx) {
        AlertRepository.AlertRow a = alertRow(ctx);
        List<Map<String, Object>> transitions = new ArrayList<>();
        for (AlertRepository.TransitionRow t : engine.repository().history(a.id())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", t.at().toString());
            m.put("kind", t.kind());
            m.put("from", t.from());
            m.put("to", t.to());
            m.put("value", number(t.value()));
            m.put("explanation", parse(t.explanationJson()));
            transitions.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("alert", alert(a));
        out.put("transitions", transitions);
        out.put("notifications", notifications.apply(a.id()));
        ApiServer.json(ctx, out);
    }

    static Map<String, Object> alert(AlertRepository.AlertRow a) {
        AlertState s = a.state();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("model", a.model());
        m.put("rule", a.rule());
        m.put("labels", a.labels());
        m.put("state", s.status().label());
        m.put("value", number(s.value()));
        Instant since = s.status() == AlertStatus.FIRING ? s.firedAt() : s.activeAt();
        m.put("since", since == null ? null : since.toString());
        m.put("active_at", s.activeAt() == null ? null : s.activeAt().toString());
        m.put("last_evaluation", a.lastEvaluation().toString());
        m.put("explanation", parse(a.explanationJson()));
        return m;
    }

    private void health(Context ctx) {
        boolean store = database.isReachable();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", store ? "ok" : "unavailable");
        m.put("store", store ? "reachable" : "unreachable");
        m.put("rules", engine.loaded().compiled().groups().stream().mapToInt(g -> g.rules().size()).sum());
        ctx.status(store ? 200 : 503);
        ApiServer.json(ctx, m);
    }

    private void metrics(Context ctx) {
        Map<String, Long> byState = new HashMap<>();
        for (AlertRepository.AlertRow a : engine.repository().alerts(null)) byState.merge(a.state().status().label(), 1L, Long::sum);
        ctx.contentType("text/plain; version=0.0.4").result(engine.metrics().render(byState));
    }

    private static Object number(double v) {
        return Double.isFinite(v) ? (Object) v : null;
    }

    private static JsonNode parse(String json) {
        if (json == null) return null;
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
