package io.vigil.api;

import io.vigil.check.ResolvedRule;
import io.vigil.compile.CompiledGroup;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.RuleCompiler;
import io.vigil.config.Config;
import io.vigil.ingest.IngestRoutes;
import io.vigil.notify.Notifier;
import io.vigil.runtime.Engine;
import io.vigil.runtime.StoreOperands;
import io.vigil.server.RouteGroup;
import io.vigil.server.Sessions;
import io.vigil.store.JdbcMetricStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Every route group a running engine serves (ingest, rules and alerts, query, silences, deliveries, approvals). */
public final class EngineApi {
    private EngineApi() {}

    /**
     * @param config the engine's: queries check against the same channels, actions and baselines as the rules, compute
     *               quality functions with each model's kind, and ingest refuses predictions of another kind;
     *               null for the defaults
     */
    public static List<RouteGroup> routes(Engine engine, JdbcMetricStore store, Notifier notifier, Config config,
                                          Clock clock, Sessions sessions, List<String> tokens) {
        ExpressionQuery query = new ExpressionQuery(new RuleCompiler(CompileOptions.defaults()),
                config == null ? null : config.references());
        StoreOperands operands = new StoreOperands(store, config);
        List<RouteGroup> routes = new ArrayList<>(List.of(new IngestRoutes(store,
                        model -> config == null ? null : config.model(model).kind()),
                new EngineRoutes(engine, store.database(), notifier::notificationsOf),
                new QueryRoutes(query, operands, clock, () -> loadedRules(engine)), new DiffRoutes(store, config)));
        routes.addAll(notifier.routes());
        routes.add(new ConsoleRoutes(engine, store.database().dataSource(), notifier.deliveries(), query, operands, sessions,
                tokens, clock));
        return routes;
    }

    /** The rules the engine runs now, in group order. */
    public static List<ResolvedRule> loadedRules(Engine engine) {
        List<ResolvedRule> out = new ArrayList<>();
        for (CompiledGroup g : engine.loaded().compiled().groups()) g.rules().forEach(p -> out.add(p.rule()));
        return out;
    }
}
