package io.vigil.ingest;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.server.ApiError;
import io.vigil.server.ApiServer;
import io.vigil.server.BodyReader;
import io.vigil.server.RouteGroup;
import io.vigil.store.Batch;
import io.vigil.store.MetricStore;
import io.vigil.store.StoreException;
import io.vigil.stats.quality.ModelKind;
import io.vigil.store.RecordConflictException;
import java.util.List;
import java.util.function.Function;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ingest endpoints (interfaces.md, predictions.md): {@code POST /api/v1/snapshots},
 * {@code POST /api/v1/baselines/{model}/{name}}, {@code POST /api/v1/predictions} and
 * {@code POST /api/v1/outcomes}. A request is validated whole before anything is
 * written and then written in one transaction, so it is stored entirely or not at all.
 */
public final class IngestRoutes implements RouteGroup {
    private final MetricStore store;
    private final Function<String, ModelKind> kindOf;

    /** Routes for models whose kinds are not declared. */
    public IngestRoutes(MetricStore store) {
        this(store, model -> null);
    }

    /** @param kindOf a model's kind as vigil.yaml declares it, or null */
    public IngestRoutes(MetricStore store, Function<String, ModelKind> kindOf) {
        this.store = store;
        this.kindOf = kindOf;
    }

    @Override public void register(RoutesConfig routes, BodyReader bodies) {
        ApiServer.unavailableOn(StoreException.class, "the store").register(routes, bodies);
        routes.post("/api/v1/snapshots", ctx -> snapshots(ctx, bodies.read(ctx)));
        routes.post("/api/v1/baselines/{model}/{name}", ctx -> baseline(ctx, bodies.read(ctx)));
        routes.post("/api/v1/predictions", ctx -> records(ctx, PredictionParser.predictions(bodies.read(ctx), kindOf)));
        routes.post("/api/v1/outcomes", ctx -> records(ctx, PredictionParser.outcomes(bodies.read(ctx), kindOf)));
    }

    /** Predictions or outcomes: 400 for invalid input, 409 for a changed record without replace; nothing stored then. */
    private void records(Context ctx, PredictionParser.Result result) {
        if (result instanceof PredictionParser.Rejected r) throw badRequest(r.error());
        PredictionParser.Parsed parsed = (PredictionParser.Parsed) result;
        try {
            store.write(new Batch(List.of(), List.of(), parsed.predictions(), parsed.outcomes()));
        } catch (RecordConflictException e) {
            throw new ApiError(409, e.getMessage(), parsed.path(e.index(), "id"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (parsed.outcomes().isEmpty()) out.put("predictions", parsed.predictions().size());
        else out.put("outcomes", parsed.outcomes().size());
        ApiServer.json(ctx, out);
    }

    private void snapshots(Context ctx, byte[] body) {
        SnapshotParser.Result result = SnapshotParser.parse(body, null);
        if (result instanceof SnapshotParser.Rejected r) throw badRequest(r.error());
        SnapshotParser.Parsed parsed = (SnapshotParser.Parsed) result;
        Batch batch = parsed.batch();
        store.write(batch);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("snapshots", parsed.snapshots());
        out.put("samples", batch.samples().size());
        out.put("distributions", batch.distributions().size());
        ApiServer.json(ctx, out);
    }

    private void baseline(Context ctx, byte[] body) {
        String model = ctx.pathParam("model");
        String name = ctx.pathParam("name");
        InputError badName = BaselineParser.checkNames(model, name);
        if (badName != null) throw new ApiError(400, "in the URL, " + badName);
        BaselineParser.Result result = BaselineParser.parse(body);
        if (!result.ok()) throw badRequest(result.error());
        store.putBaseline(model, name, result.features());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model);
        out.put("baseline", name);
        out.put("features", result.features().size());
        ApiServer.json(ctx, out);
    }

    private static ApiError badRequest(InputError e) {
        return new ApiError(400, e.message(), e.path());
    }
}
