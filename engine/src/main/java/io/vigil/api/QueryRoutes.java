package io.vigil.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.ast.Diagnostic;
import io.vigil.ast.DiagnosticJson;
import io.vigil.ast.DiagnosticPrinter;
import io.vigil.check.Durations;
import io.vigil.check.ResolvedRule;
import io.vigil.config.DurationText;
import io.vigil.runtime.OperandSource;
import io.vigil.server.ApiError;
import io.vigil.server.ApiServer;
import io.vigil.server.BodyReader;
import io.vigil.server.RouteGroup;
import io.vigil.store.StoreException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/query} and {@code /api/v1/query_range}, in the manner of Prometheus' HTTP API: any
 * rule expression evaluated once (or once per step) through the production path, every element with its
 * labels and value, not only the ones for which the condition holds.
 */
public final class QueryRoutes implements RouteGroup {
    /** As Prometheus: more points than this per series is refused rather than computed for minutes. */
    public static final int MAX_POINTS = 11_000;

    private final ExpressionQuery query;
    private final OperandSource source;
    private final Clock clock;
    private final Supplier<List<ResolvedRule>> loaded;

    /** @param loaded the rules the engine runs, queried by {@code rule=model/name} with their own defaults */
    public QueryRoutes(ExpressionQuery query, OperandSource source, Clock clock, Supplier<List<ResolvedRule>> loaded) {
        this.query = query;
        this.source = source;
        this.clock = clock;
        this.loaded = loaded;
    }

    @Override
    public void register(RoutesConfig routes, BodyReader bodies) {
        ApiServer.unavailableOn(StoreException.class, "the store").register(routes, bodies);
        routes.get("/api/v1/query", this::instant);
        routes.get("/api/v1/query_range", this::range);
    }

    private void instant(Context ctx) {
        ExpressionQuery.Compiled q = compile(ctx);
        if (q == null) return;
        String at = ctx.queryParam("at");
        Instant t = at == null || at.isBlank() ? clock.instant() : time(at, "at");
        ApiServer.json(ctx, instantJson(q, query.evaluate(q, source, t)));
    }

    /** The body of {@code /api/v1/query}: one evaluation's elements; {@code vigil eval} prints the same locally. */
    public static Map<String, Object> instantJson(ExpressionQuery.Compiled q, ExpressionQuery.Result r) {
        Map<String, Object> out = header(q);
        out.put("at", r.t().toString());
        out.put("errors", r.errors());
        List<Map<String, Object>> elements = new ArrayList<>();
        for (ExpressionQuery.Element e : r.elements()) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (!e.side().isEmpty()) m.put("side", e.side());
            m.put("labels", e.labels());
            m.put("value", number(e.value()));
            m.put("holds", e.holds());
            m.put("explanation", e.explanation());
            elements.add(m);
        }
        out.put("result", elements);
        return out;
    }

    private void range(Context ctx) {
        ExpressionQuery.Compiled q = compile(ctx);
        if (q == null) return;
        Instant from = time(required(ctx, "from"), "from");
        Instant to = time(required(ctx, "to"), "to");
        String stepText = required(ctx, "step");
        Duration step = DurationText.parse(stepText);
        if (step == null || step.isZero()) {
            throw new ApiError(400, "step must be a positive duration such as 5m or 1h, got '" + stepText + "'", "step");
        }
        if (to.isBefore(from)) throw new ApiError(400, "to (" + to + ") is before from (" + from + ")", "to");
        long points = Duration.between(from, to).dividedBy(step) + 1;
        if (points > MAX_POINTS) {
            throw new ApiError(400, "exceeded the maximum of " + MAX_POINTS + " points per series (" + points
                    + "); use a larger step or a shorter range", "step");
        }
        List<ExpressionQuery.Result> results = query.range(q, source, from, to, step);
        Map<String, Map<String, Object>> series = new LinkedHashMap<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ExpressionQuery.Result r : results) {
            if (!r.errors().isEmpty()) errors.add(Map.of("at", r.t().toString(), "errors", r.errors()));
            for (ExpressionQuery.Element e : r.elements()) {
                Map<String, Object> s = series.computeIfAbsent(e.side() + "\u0000" + e.labels(), k -> newSeries(e));
                @SuppressWarnings("unchecked")
                List<Object[]> values = (List<Object[]>) s.get("values");
                values.add(new Object[] {r.t().toString(), number(e.value()), e.holds()});
            }
        }
        Map<String, Object> out = header(q);
        out.put("from", from.toString());
        out.put("to", to.toString());
        out.put("step", stepText);
        out.put("evaluations", results.size());
        out.put("errors", errors);
        out.put("result", new ArrayList<>(series.values()));
        ApiServer.json(ctx, out);
    }

    private static Map<String, Object> newSeries(ExpressionQuery.Element e) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!e.side().isEmpty()) m.put("side", e.side());
        SortedMap<String, String> labels = e.labels();
        m.put("labels", labels);
        m.put("values", new ArrayList<Object[]>());
        return m;
    }

    private static Map<String, Object> header(ExpressionQuery.Compiled q) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("expr", q.expression());
        out.put("model", q.rule().model());
        out.put("for", Durations.format(q.rule().forDuration()));
        out.put("compared", q.compared());
        out.put("threshold", q.threshold());
        return out;
    }

    /** The compiled query, or null after writing the located 400 for a bad expression. */
    private ExpressionQuery.Compiled compile(Context ctx) {
        String ruleId = ctx.queryParam("rule");
        try {
            if (ruleId != null && !ruleId.isBlank()) {
                for (ResolvedRule r : loaded.get()) if (r.id().equals(ruleId)) return query.compile(r);
                throw new ApiError(404, "no rule " + ruleId + " is loaded", "rule");
            }
            String expr = required(ctx, "expr");
            String model = required(ctx, "model");
            return query.compile(expr, model);
        } catch (ExpressionQuery.Invalid e) {
            List<Map<String, Object>> diagnostics = new ArrayList<>();
            for (Diagnostic d : e.diagnostics()) {
                Map<String, Object> m = DiagnosticJson.of(d);
                m.remove("path");
                m.put("text", DiagnosticPrinter.render(d));
                diagnostics.add(m);
            }
            Diagnostic first = e.diagnostics().get(0);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", first.span().line() + ":" + first.span().column() + ": " + first.message());
            body.put("path", "expr");
            body.put("diagnostics", diagnostics);
            ApiServer.json(ctx.status(400), body);
            return null;
        }
    }

    private static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) throw new ApiError(400, "query parameter '" + name + "' is required", name);
        return v;
    }

    /** RFC 3339 ({@code 2026-01-01T00:00:00Z}) or Unix seconds, as Prometheus accepts. */
    static Instant time(String text, String param) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            try {
                BigDecimal s = new BigDecimal(text.strip());
                return Instant.ofEpochSecond(s.longValue(), s.remainder(BigDecimal.ONE).movePointRight(9).intValue());
            } catch (NumberFormatException | ArithmeticException e2) {
                throw new ApiError(400, param + " must be an RFC 3339 time (2026-01-01T00:00:00Z) or Unix seconds, got '"
                        + text + "'", param);
            }
        }
    }

    private static Object number(double v) {
        return Double.isFinite(v) ? (Object) v : null;
    }
}
