package io.vigil.server;

import io.javalin.config.RoutesConfig;

/** A set of API routes (ingest, rules, alerts, ...) that {@link ApiServer} mounts at start-up. */
@FunctionalInterface
public interface RouteGroup {
    /**
     * Adds this group's routes. Handlers read request bodies with {@code bodies}, which enforces the
     * size limit, and report bad requests by throwing {@link ApiError}.
     */
    void register(RoutesConfig routes, BodyReader bodies);
}
