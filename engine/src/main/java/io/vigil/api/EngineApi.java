package io.vigil.api;

import io.vigil.check.References;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.RuleCompiler;
import io.vigil.ingest.IngestRoutes;
import io.vigil.notify.Notifier;
import io.vigil.runtime.Engine;
import io.vigil.runtime.StoreOperands;
import io.vigil.server.RouteGroup;
import io.vigil.store.JdbcMetricStore;
import io.vigil.stats.quality.ModelKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Every route group a running engine serves (ingest, rules and alerts, query, silences, deliveries, approvals). */
public final class EngineApi {
    private EngineApi() {}

    /**
     * @param references the config's, so queries check against the same channels, actions and baselines as the rules
     * @param kindOf     a model's declared kind (models.&lt;m&gt;.kind), or null: ingest refuses predictions of another kind
     */
    public static List<RouteGroup> routes(Engine engine, JdbcMetricStore store, Notifier notifier, References references,
                                          Function<String, ModelKind> kindOf, Clock clock) {
        List<RouteGroup> routes = new ArrayList<>(List.of(new IngestRoutes(store, kindOf),
                new EngineRoutes(engine, store.database(), notifier::notificationsOf),
                new QueryRoutes(new ExpressionQuery(new RuleCompiler(CompileOptions.defaults()), references),
                        new StoreOperands(store), clock)));
        routes.addAll(notifier.routes());
        return routes;
    }
}
