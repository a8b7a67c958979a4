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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ingest endpoints (interfaces.md): {@code POST /api/v1/snapshots} and
 * {@code POST /api/v1/baselines/{model}/{name}}. A request is validated whole before anything is
 * written and then written in one transaction, so it is stored entirely or not at all.
 */
public final class IngestRoutes implements RouteGroup {
    private final MetricStore store;

    public IngestRoutes(MetricStore store) {
        this.store = store;
    }

    @Override public void register(RoutesConfig routes, BodyReader bodies) {
        ApiServer.unavailableOn(StoreException.class, "the store").register(routes, bodies);
        routes.post("/api/v1/snapshots", ctx -> snapshots(ctx, bodies.read(ctx)));
        routes.post("/api/v1/baselines/{model}/{name}", ctx -> baseline(ctx, bodies.read(ctx)));
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
