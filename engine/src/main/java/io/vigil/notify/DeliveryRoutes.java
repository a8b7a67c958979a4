package io.vigil.notify;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.server.ApiError;
import io.vigil.server.ApiServer;
import io.vigil.server.BodyReader;
import io.vigil.server.RouteGroup;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/deliveries?state=dead}: notifications and action runs with their attempts, errors
 * and results; {@code GET /api/v1/deliveries/{id}} with the alerts it told of; and
 * {@code POST /api/v1/deliveries/{id}/retry} to send a dead one again.
 */
public final class DeliveryRoutes implements RouteGroup {
    private static final int MAX_LIMIT = 1000;

    private final Deliveries deliveries;
    private final Clock clock;
    private final Runnable wake;

    public DeliveryRoutes(Deliveries deliveries, Clock clock, Runnable wake) {
        this.deliveries = deliveries;
        this.clock = clock;
        this.wake = wake;
    }

    @Override
    public void register(RoutesConfig routes, BodyReader bodies) {
        routes.get("/api/v1/deliveries", this::list);
        routes.get("/api/v1/deliveries/{id}", this::one);
        routes.post("/api/v1/deliveries/{id}/retry", this::retry);
    }

    private void list(Context ctx) {
        String state = ctx.queryParam("state");
        if (state != null && state.isEmpty()) state = null;
        if (state != null && !Deliveries.STATES.contains(state)) {
            throw new ApiError(400, "state must be one of " + String.join(", ", Deliveries.STATES) + ", got '" + state
                    + "'", "state");
        }
        int limit = 100;
        String raw = ctx.queryParam("limit");
        if (raw != null) {
            try {
                limit = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new ApiError(400, "limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + raw + "'",
                        "limit");
            }
        }
        ApiServer.json(ctx, deliveries.list(state, limit).stream().map(ApiJson::delivery).toList());
    }

    private Deliveries.Row row(Context ctx) {
        long id = ApiJson.id(ctx, "delivery");
        Deliveries.Row r = deliveries.get(id);
        if (r == null) throw new ApiError(404, "no delivery " + id);
        return r;
    }

    private void one(Context ctx) {
        Deliveries.Row r = row(ctx);
        Map<String, Object> m = ApiJson.delivery(r);
        m.put("alerts", deliveries.alerts(r.id()).stream().map(ApiJson::alert).toList());
        ApiServer.json(ctx, m);
    }

    private void retry(Context ctx) {
        Deliveries.Row r = row(ctx);
        if (!deliveries.requeue(r.id(), clock.instant())) {
            throw new ApiError(409, "delivery " + r.id() + " is " + r.state() + "; only dead deliveries can be retried");
        }
        wake.run();
        ApiServer.json(ctx, ApiJson.delivery(deliveries.get(r.id())));
    }

    /** The notifications of one alert instance, for its history. */
    public List<Map<String, Object>> forAlert(long instanceId) {
        return deliveries.forAlert(instanceId).stream().map(ApiJson::delivery).toList();
    }
}
