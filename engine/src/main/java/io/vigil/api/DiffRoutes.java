package io.vigil.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.ast.DiagnosticPrinter;
import io.vigil.ast.Source;
import io.vigil.check.CheckResult;
import io.vigil.check.Checker;
import io.vigil.check.ResolvedRule;
import io.vigil.check.Schedule;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.RuleCompiler;
import io.vigil.config.Config;
import io.vigil.diff.BacktestDelta;
import io.vigil.diff.DeltaJson;
import io.vigil.diff.RuleChange;
import io.vigil.diff.SemanticDiff;
import io.vigil.server.ApiError;
import io.vigil.server.ApiServer;
import io.vigil.server.BodyReader;
import io.vigil.server.RouteGroup;
import io.vigil.store.MetricStore;
import io.vigil.store.StoreException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /api/v1/diff/backtest}: {@code vigil diff --server}'s backtest of the old and the new version of
 * the changed rules on the engine's store, {@link BacktestDelta} as {@code --store} runs it locally.
 * Body: {"before": [{"path", "text"}], "after": [...], "from": TIME, "to": TIME}; answer: {@link DeltaJson}.
 */
public final class DiffRoutes implements RouteGroup {
    /**
     * Scheduled group evaluations of both versions over the range, at most: 30 days of a 5-minute group is
     * 8,641 per version; a 10-year range of it (1.05 million) is refused rather than computed for an hour.
     */
    public static final long MAX_EVALUATIONS = 200_000;

    /** The finest a cron schedule fires, so the estimate of its evaluations is never below the real count. */
    private static final Duration CRON_STEP = Duration.ofMinutes(1);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetricStore store;
    private final Config config;
    private final RuleCompiler compiler = new RuleCompiler(CompileOptions.defaults());
    // One backtest at a time: each holds a core or two for seconds, and the engine's own evaluations come first.
    private final Semaphore running = new Semaphore(1);

    /** @param config the engine's: the rules are checked against its channels and actions; null for defaults */
    public DiffRoutes(MetricStore store, Config config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public void register(RoutesConfig routes, BodyReader bodies) {
        ApiServer.unavailableOn(StoreException.class, "the store").register(routes, bodies);
        routes.post("/api/v1/diff/backtest", ctx -> backtest(ctx, bodies));
    }

    private void backtest(Context ctx, BodyReader bodies) {
        JsonNode body;
        try {
            body = JSON.readTree(bodies.read(ctx));
        } catch (IOException e) {
            throw new ApiError(400, "the body is not JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject()) throw new ApiError(400, "the body must be a JSON object");
        Instant from = QueryRoutes.time(required(body, "from").asText(), "from");
        Instant to = QueryRoutes.time(required(body, "to").asText(), "to");
        if (to.isBefore(from)) throw new ApiError(400, "to (" + to + ") is before from (" + from + ")", "to");
        CheckResult before = check(body, "before");
        CheckResult after = check(body, "after");
        SemanticDiff.Result diff = SemanticDiff.compare(before.rules(), after.rules());
        long evaluations = evaluations(diff, Duration.between(from, to));
        if (evaluations > MAX_EVALUATIONS) {
            throw new ApiError(400, "exceeded the maximum of " + MAX_EVALUATIONS + " scheduled evaluations of the changed "
                    + "rules' groups (" + evaluations + " from " + from + " to " + to + "); use a shorter range", "from");
        }
        if (!running.tryAcquire()) {
            ctx.header("Retry-After", "30");
            throw new ApiError(503, "another diff backtest is running on this engine; try again when it is done");
        }
        try {
            BacktestDelta.Result r = new BacktestDelta(compiler, store, config).run(diff, from, to, (done, total) -> { });
            ApiServer.json(ctx, DeltaJson.write(r));
        } finally {
            running.release();
        }
    }

    private static JsonNode required(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) throw new ApiError(400, field + " is required", field);
        if (!n.isTextual() && !n.isNumber()) throw new ApiError(400, field + " must be a time string or Unix seconds", field);
        return n;
    }

    /** One version's files checked like {@code vigil check}; any error is a 400 naming the file:line:col. */
    private CheckResult check(JsonNode body, String version) {
        JsonNode files = body.get(version);
        if (files == null || !files.isArray()) {
            throw new ApiError(400, version + " must be an array of {\"path\", \"text\"} rule files", version);
        }
        List<Source> sources = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            String at = version + "[" + i + "]";
            JsonNode f = files.get(i);
            JsonNode path = f.get("path");
            JsonNode text = f.get("text");
            if (path == null || !path.isTextual() || path.asText().isBlank()) {
                throw new ApiError(400, at + ".path must be the file's path, a non-empty string", at + ".path");
            }
            if (text == null || !text.isTextual()) throw new ApiError(400, at + ".text must be the file's text, a string", at + ".text");
            if (!paths.add(path.asText())) throw new ApiError(400, at + ".path '" + path.asText() + "' appears twice", at + ".path");
            sources.add(new Source(path.asText(), text.asText()));
        }
        CheckResult r = Checker.check(sources, config == null ? null : config.references());
        if (r.hasErrors()) {
            throw new ApiError(400, "the " + version + " rules have " + r.errorCount() + " error(s):\n"
                    + DiagnosticPrinter.render(r.diagnostics()), version);
        }
        return r;
    }

    /** An upper bound of the group evaluations both versions' backtests schedule over {@code range}. */
    static long evaluations(SemanticDiff.Result diff, Duration range) {
        Set<String> groups = new HashSet<>();
        long n = 0;
        for (RuleChange c : diff.changes()) {
            if (!c.behaves()) continue;
            for (ResolvedRule r : new ResolvedRule[] {c.before(), c.after()}) {
                if (r == null || !groups.add((r == c.before() ? "before " : "after ") + r.model() + " " + r.schedule().key())) continue;
                Duration step = r.schedule() instanceof Schedule.Every e ? e.interval() : CRON_STEP;
                n += range.dividedBy(step) + 1;
            }
        }
        return n;
    }
}
