package io.vigil.api;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.action.Approvals;
import io.vigil.check.Durations;
import io.vigil.check.ResolvedRule;
import io.vigil.notify.Deliveries;
import io.vigil.notify.Silence;
import io.vigil.notify.Silences;
import io.vigil.runtime.AlertRepository;
import io.vigil.runtime.AlertStatus;
import io.vigil.runtime.Engine;
import io.vigil.runtime.OperandSource;
import io.vigil.server.ApiError;
import io.vigil.server.ApiServer;
import io.vigil.server.BodyReader;
import io.vigil.server.RouteGroup;
import io.vigil.server.Sessions;
import io.vigil.testing.SvgChart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The web console at {@code /}: server-rendered pages (jte templates precompiled at build time, every
 * value HTML-escaped by jte) over the same services as the API; its forms call the JSON API with the
 * session's CSRF token, so every rule about what may be written lives in one place.
 */
public final class ConsoleRoutes implements RouteGroup {
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    /** One alert row as the console shows it. */
    public record AlertView(long id, String model, String rule, String severity, Map<String, String> labels, String state,
                            String value, String since, String explanation, List<String> silencedBy) {}

    /** One rule row. */
    public record RuleView(String id, String model, String rule, String state, String lastEvaluation, String duration,
                           String error, String source, String schedule) {}

    /** A page: its title, the nav item that is current, and the session's CSRF token for its forms. */
    public record Page(String title, String nav, String csrf) {}

    private final Engine engine;
    private final DataSource dataSource;
    private final Deliveries deliveries;
    private final ExpressionQuery query;
    private final OperandSource source;
    private final Sessions sessions;
    private final List<byte[]> tokens;
    private final Clock clock;

    public ConsoleRoutes(Engine engine, DataSource dataSource, Deliveries deliveries, ExpressionQuery query,
                         OperandSource source, Sessions sessions, List<String> tokens, Clock clock) {
        this.engine = engine;
        this.dataSource = dataSource;
        this.deliveries = deliveries;
        this.query = query;
        this.source = source;
        this.sessions = sessions;
        this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes, BodyReader bodies) {
        routes.get("/", this::alerts);
        routes.get("/alerts/{id}", this::alert);
        routes.get("/rules", this::rules);
        routes.get("/models", ctx -> page(ctx, "models", "Models", Map.of("rules", ruleViews())));
        routes.get("/query", this::expressionBrowser);
        routes.get("/silences", ctx -> page(ctx, "silences", "Silences", Map.of("silences", new Silences(dataSource).all(),
                "now", clock.instant())));
        routes.get("/approvals", ctx -> page(ctx, "approvals", "Approvals",
                Map.of("approvals", new Approvals(dataSource).list(null))));
        routes.get("/deliveries", ctx -> page(ctx, "deliveries", "Deliveries",
                Map.of("deliveries", deliveries.list(ctx.queryParamAsClass("state", String.class).getOrDefault("dead"), 200),
                        "state", ctx.queryParamAsClass("state", String.class).getOrDefault("dead"))));
        routes.get("/login", ctx -> render(ctx, "login", new Page("Sign in", "", ""), Map.of("error", "")));
        routes.post("/login", this::login);
        routes.post("/logout", ctx -> {
            sessions.end(ctx);
            ctx.redirect("/login");
        });
        routes.get("/console.css", ctx -> ctx.contentType("text/css").result(resource("console.css")));
        routes.get("/console.js", ctx -> ctx.contentType("text/javascript").result(resource("console.js")));
    }

    private void login(Context ctx) {
        String token = ctx.formParam("token");
        if (token == null || tokens.isEmpty() || !ApiServer.validToken(token.strip(), tokens)) {
            ctx.status(401);
            render(ctx, "login", new Page("Sign in", "", ""), Map.of("error", "That token is not one of server.tokens."));
            return;
        }
        sessions.create(ctx);
        ctx.redirect("/");
    }

    private void alerts(Context ctx) {
        String filter = ctx.queryParamAsClass("filter", String.class).getOrDefault("").strip();
        List<AlertView> out = new ArrayList<>();
        Map<String, String> severities = severities();
        List<Silence> silences = new Silences(dataSource).all();
        Instant now = clock.instant();
        for (AlertRepository.AlertRow a : engine.repository().alerts(null)) {
            if (a.state().status() == AlertStatus.INACTIVE) continue;
            AlertView v = view(a, severities, silences, now);
            if (!filter.isEmpty() && !matches(v, filter)) continue;
            out.add(v);
        }
        out.sort((x, y) -> x.state().equals(y.state()) ? (x.model() + x.rule()).compareTo(y.model() + y.rule())
                : x.state().equals("firing") ? -1 : 1);
        page(ctx, "alerts", "Alerts", Map.of("alerts", out, "filter", filter));
    }

    /** {@code key=value} (exact) or plain text found in the model, rule or any label value. */
    private static boolean matches(AlertView v, String filter) {
        int eq = filter.indexOf('=');
        if (eq > 0) {
            String k = filter.substring(0, eq).strip();
            String want = filter.substring(eq + 1).strip().replaceAll("^\"|\"$", "");
            String have = k.equals("model") ? v.model() : k.equals("rule") ? v.rule() : k.equals("severity") ? v.severity()
                    : v.labels().get(k);
            return want.equals(have);
        }
        return (v.model() + " " + v.rule() + " " + v.labels().values()).contains(filter);
    }

    private AlertView view(AlertRepository.AlertRow a, Map<String, String> severities, List<Silence> silences, Instant now) {
        Map<String, Object> json = EngineRoutes.alert(a);
        Map<String, String> all = new TreeMap<>(a.labels());
        all.putIfAbsent("model", a.model());
        all.putIfAbsent("rule", a.rule());
        List<String> by = new ArrayList<>();
        for (Silence s : silences) if (s.mutes(all, now)) by.add("#" + s.id() + " " + s.comment());
        return new AlertView(a.id(), a.model(), a.rule(), severities.getOrDefault(a.model() + "/" + a.rule(), ""),
                a.labels(), a.state().status().label(), value(a.state().value()), String.valueOf(json.get("since")),
                explain((com.fasterxml.jackson.databind.JsonNode) json.get("explanation")), by);
    }

    private void alert(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new ApiError(404, "no alert " + ctx.pathParam("id"));
        }
        AlertRepository.AlertRow a = engine.repository().alert(id);
        if (a == null) throw new ApiError(404, "no alert " + id);
        String range = "week".equals(ctx.queryParam("range")) ? "week" : "day";
        // Up to the alert's last evaluation, so a replayed history (the quickstart's) is charted too.
        Instant to = a.lastEvaluation();
        Instant from = to.minus(range.equals("week") ? Duration.ofDays(7) : Duration.ofDays(1));
        Duration step = range.equals("week") ? Duration.ofHours(1) : Duration.ofMinutes(5);
        ResolvedRule rule = null;
        for (ResolvedRule r : EngineApi.loadedRules(engine)) if (r.model().equals(a.model()) && r.name().equals(a.rule())) rule = r;
        String chart = "";
        List<AlertRepository.TransitionRow> history = engine.repository().history(id);
        if (rule != null) {
            try {
                ExpressionQuery.Compiled q = query.compile(rule);
                List<SvgChart.Point> points = new ArrayList<>();
                for (ExpressionQuery.Result r : query.range(q, source, from, to, step)) {
                    for (ExpressionQuery.Element e : r.elements()) {
                        if (e.labels().equals(new TreeMap<>(a.labels())) && Double.isFinite(e.value())) {
                            points.add(new SvgChart.Point(r.t(), e.value()));
                        }
                    }
                }
                chart = SvgChart.render(List.of(new SvgChart.Line(q.compared(), points)), thresholds(q),
                        bands(history, from, to), from, to, q.compared());
            } catch (ExpressionQuery.Invalid e) {
                chart = "";
            }
        }
        Map<String, Object> model = new HashMap<>();
        model.put("alert", view(a, severities(), new Silences(dataSource).all(), clock.instant()));
        model.put("chart", chart);
        model.put("range", range);
        model.put("condition", rule == null ? "" : rule.when().span().text());
        model.put("history", history);
        model.put("notifications", deliveries.forAlert(id));
        page(ctx, "alert", a.model() + "/" + a.rule(), model);
    }

    /** The operand values behind an alert, one per line: {@code accuracy{segment="EU"} = 0.6 (note)}. */
    static String explain(com.fasterxml.jackson.databind.JsonNode why) {
        if (why == null || why.isNull()) return "";
        StringBuilder out = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonNode d : why.path("operands")) {
            if (out.length() > 0) out.append('\n');
            out.append(d.path("operand").asText());
            StringBuilder labels = new StringBuilder();
            for (var e : d.path("labels").properties()) {
                labels.append(labels.length() == 0 ? "{" : ", ").append(e.getKey()).append("=\"").append(e.getValue().asText())
                        .append('"');
            }
            if (labels.length() > 0) out.append(labels).append('}');
            out.append(" = ").append(d.path("value").isNumber() ? value(d.get("value").asDouble()) : "NaN");
            if (!d.path("note").asText("").isEmpty()) out.append("   (").append(d.get("note").asText()).append(')');
        }
        return out.toString();
    }

    /** Pending and firing periods from the alert's transitions, clipped to the chart. */
    static List<SvgChart.Band> bands(List<AlertRepository.TransitionRow> history, Instant from, Instant to) {
        List<SvgChart.Band> out = new ArrayList<>();
        Instant start = null;
        String kind = null;
        for (AlertRepository.TransitionRow t : history) {
            if (kind != null) out.add(new SvgChart.Band(start.isBefore(from) ? from : start, t.at(), kind));
            kind = "pending".equals(t.to()) || "firing".equals(t.to()) ? t.to() : null;
            start = t.at();
        }
        if (kind != null) out.add(new SvgChart.Band(start.isBefore(from) ? from : start, to, kind));
        out.removeIf(b -> !b.to().isAfter(from));
        return out;
    }

    private void rules(Context ctx) {
        page(ctx, "rules", "Rules", Map.of("rules", ruleViews()));
    }

    private List<RuleView> ruleViews() {
        Map<String, AlertRepository.RuleEvaluation> evals = engine.repository().ruleEvaluations();
        Map<String, String> states = new HashMap<>();
        for (AlertRepository.AlertRow a : engine.repository().alerts(null)) {
            String id = a.model() + "/" + a.rule();
            String s = a.state().status().label();
            if (s.equals("firing") || (s.equals("pending") && !"firing".equals(states.get(id)))) states.put(id, s);
        }
        List<RuleView> out = new ArrayList<>();
        for (ResolvedRule r : EngineApi.loadedRules(engine)) {
            AlertRepository.RuleEvaluation e = evals.get(r.id());
            out.add(new RuleView(r.id(), r.model(), r.name(), states.getOrDefault(r.id(), "inactive"),
                    e == null ? "never" : e.at().toString(), e == null ? "" : e.durationMs() + " ms",
                    e == null || e.error() == null ? "" : e.error(), r.span().text(), r.schedule().key()));
        }
        return out;
    }

    private void expressionBrowser(Context ctx) {
        String expr = ctx.queryParamAsClass("expr", String.class).getOrDefault("");
        String model = ctx.queryParamAsClass("model", String.class).getOrDefault("");
        String rangeText = ctx.queryParamAsClass("range", String.class).getOrDefault("1d");
        Map<String, Object> m = new HashMap<>();
        m.put("expr", expr);
        m.put("model", model);
        m.put("range", rangeText);
        m.put("models", EngineApi.loadedRules(engine).stream().map(ResolvedRule::model).distinct().sorted().toList());
        m.put("diagnostics", List.of());
        m.put("elements", List.of());
        m.put("errors", List.of());
        m.put("chart", "");
        if (!expr.isBlank() && !model.isBlank()) {
            try {
                ExpressionQuery.Compiled q = query.compile(expr, model);
                Instant to = latestEvaluation();
                Duration range = io.vigil.config.DurationText.parse(rangeText);
                if (range == null || range.isZero()) range = Duration.ofDays(1);
                ExpressionQuery.Result now = query.evaluate(q, source, to);
                m.put("elements", now.elements());
                m.put("errors", now.errors());
                Instant from = to.minus(range);
                Duration step = range.dividedBy(200).compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1)
                        : range.dividedBy(200);
                Map<String, List<SvgChart.Point>> lines = new LinkedHashMap<>();
                for (ExpressionQuery.Result r : query.range(q, source, from, to, step)) {
                    for (ExpressionQuery.Element e : r.elements()) {
                        if (!Double.isFinite(e.value())) continue;
                        String label = (e.side().isEmpty() ? "" : e.side() + " ") + e.labels();
                        lines.computeIfAbsent(label, k -> new ArrayList<>()).add(new SvgChart.Point(r.t(), e.value()));
                    }
                }
                List<SvgChart.Line> chartLines = new ArrayList<>();
                lines.forEach((k, v) -> chartLines.add(new SvgChart.Line(k, v)));
                m.put("chart", chartLines.isEmpty() ? "" : SvgChart.render(chartLines, thresholds(q), List.of(), from, to,
                        q.compared()));
            } catch (ExpressionQuery.Invalid e) {
                m.put("diagnostics", e.diagnostics().stream().map(io.vigil.ast.DiagnosticPrinter::render).toList());
            }
        }
        page(ctx, "query", "Expression browser", m);
    }

    /** The engine's latest evaluation time (now, unless history was replayed), or the clock's now. */
    private Instant latestEvaluation() {
        return engine.repository().ruleEvaluations().values().stream().map(AlertRepository.RuleEvaluation::at)
                .max(Instant::compareTo).orElse(clock.instant());
    }

    private Map<String, String> severities() {
        Map<String, String> out = new HashMap<>();
        for (ResolvedRule r : EngineApi.loadedRules(engine)) out.put(r.id(), r.severity());
        return out;
    }

    private void page(Context ctx, String template, String title, Map<String, Object> model) {
        Sessions.Session s = sessions.of(ctx);
        if (s == null) s = sessions.create(ctx); // no tokens: loopback only, and the form still needs a CSRF token
        render(ctx, template, new Page(title, template, s.csrf()), model);
    }

    private static void render(Context ctx, String template, Page page, Map<String, Object> model) {
        StringOutput out = new StringOutput();
        Map<String, Object> params = new HashMap<>(model);
        params.put("page", page);
        TEMPLATES.render(template + ".jte", params, out);
        ctx.contentType("text/html; charset=utf-8").header("Content-Security-Policy",
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:")
                .header("X-Frame-Options", "DENY").result(out.toString());
    }

    private static String resource(String name) throws java.io.IOException {
        try (var in = ConsoleRoutes.class.getResourceAsStream("/console/" + name)) {
            if (in == null) throw new ApiError(404, "no " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String value(double v) {
        return Double.isFinite(v) ? SvgChart.formatValue(v) : "NaN";
    }

    /** A duration for people: {@code 3h 5m}. */
    public static String ago(Instant since, Instant now) {
        if (since == null) return "";
        return Durations.format(Duration.between(since, now).withNanos(0));
    }

    /** The chart's threshold line: none, or the expression's one threshold. */
    private static List<Double> thresholds(ExpressionQuery.Compiled q) {
        return q.threshold() == null ? List.of() : List.of(q.threshold());
    }
}
