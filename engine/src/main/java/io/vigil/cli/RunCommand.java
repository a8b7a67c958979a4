package io.vigil.cli;

import io.vigil.ast.DiagnosticPrinter;
import io.vigil.check.CheckResult;
import io.vigil.check.RuleSources;
import io.vigil.compile.CompileOptions;
import io.vigil.action.Actions;
import io.vigil.compile.FixedRules;
import io.vigil.compile.RuleCompiler;
import io.vigil.config.Config;
import io.vigil.runtime.Engine;
import io.vigil.runtime.RuleReloader;
import io.vigil.notify.Links;
import io.vigil.notify.Notifier;
import io.vigil.notify.NotifyOptions;
import io.vigil.server.ApiServer;
import io.vigil.api.EngineApi;
import io.vigil.server.RouteGroup;
import io.vigil.server.Sessions;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreCheck;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vigil run}: the engine with its HTTP API, until SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the engine: HTTP API (ingest, rules, alerts, health, metrics), scheduled evaluation",
                "of every rule, notifications and actions, hot reload of rule files. Stops gracefully on SIGTERM or Ctrl-C.",
                "Needs a config (--config FILE, or ./vigil.yaml) that names the rules; everything else has defaults:",
                "the embedded H2 store in ./data and port 8080 on 127.0.0.1."})
public final class RunCommand implements Callable<Integer> {
    @Mixin ConfigOption config;

    @Option(names = "--port", paramLabel = "PORT", description = "Listen on this port instead of server.port (0: any free port).")
    Integer port;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Evaluation threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FixedRules.preload(); // overlaps the rest of start-up
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Path configPath = config.resolve();
        Config cfg;
        try {
            cfg = configPath == null ? Config.defaults() : StoreConfig.load(configPath, err);
        } catch (StoreConfig.Invalid e) {
            err.println("vigil: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (cfg.rules().isEmpty()) {
            err.println("vigil: the config names no rules (rules: [path, ...])");
            return ExitCodes.USAGE;
        }
        var serverSettings = StoreConfig.server(cfg);
        if (port != null) serverSettings = serverSettings.withPort(port);
        JdbcMetricStore store = JdbcMetricStore.open(StoreConfig.store(cfg));
        // What a crash can leave behind: outbox invariants are put right; an H2 file whose tables and
        // indexes disagree is refused (dispatching from it spun at full CPU), with the command that rebuilds it.
        StoreCheck.Report integrity = StoreCheck.check(store.database(), false);
        if (StoreCheck.needsRebuild(integrity)) {
            for (String p : integrity.problems()) err.println("vigil: " + p);
            err.println("vigil: the store is inconsistent; nothing was started. Repair it with: vigil store repair"
                    + (configPath == null ? "" : " --config " + configPath));
            store.close();
            return ExitCodes.FAILED;
        }
        for (String line : StoreCheck.repairInvariants(store.database())) err.println("vigil: store check: " + line);
        Engine engine = new Engine(store.database(), store, new RuleCompiler(CompileOptions.defaults()),
                cfg.engine().catchUp(), Clock.systemUTC(), cfg);
        CheckResult check;
        try {
            check = engine.load(cfg.rules(), cfg.references());
        } catch (RuleSources.LoadException e) {
            err.println(e.diagnostic() != null ? e.getMessage() : "vigil: " + e.getMessage());
            store.close();
            return e.diagnostic() != null ? ExitCodes.FAILED : ExitCodes.USAGE;
        }
        if (check.hasErrors()) {
            err.print(DiagnosticPrinter.render(io.vigil.check.WarningSummary.of(check.diagnostics())));
            err.println("vigil: the rule set has errors; nothing was started");
            store.close();
            return ExitCodes.FAILED;
        }
        AtomicReference<ApiServer> started = new AtomicReference<>();
        int listenPort = serverSettings.port();
        Links links = cfg.server().publicUrl() != null ? Links.of(cfg.server().publicUrl().reveal())
                : Links.lazy(() -> started.get() == null ? "http://127.0.0.1:" + listenPort
                        : started.get().baseUri().toString());
        Notifier notifier = new Notifier(cfg, store.database().dataSource(), Clock.systemUTC(),
                NotifyOptions.defaults(links).withMailFile(NotifyOptions.DEFAULT_MAIL_FILE, out));
        Actions.install(notifier, cfg, configPath == null ? Path.of("").toAbsolutePath()
                : configPath.toAbsolutePath().getParent());
        engine.onTransition(notifier.hook());
        Sessions sessions = new Sessions(Clock.systemUTC());
        List<RouteGroup> routes = EngineApi.routes(engine, store, notifier, cfg, Clock.systemUTC(), sessions,
                serverSettings.tokens());
        ApiServer server = ApiServer.start(serverSettings, routes, sessions);
        started.set(server);
        notifier.start(engine.metrics()::add);
        engine.startScheduler(threads);
        RuleReloader reloader = new RuleReloader(engine, cfg.rules(), cfg.references());
        reloader.start(2000);
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor();
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                Instant now = Instant.now();
                store.purge(now);
                store.purgePredictions(now, model -> cfg.model(model).retention());
                engine.repository().purgeEvaluationLog(now.minus(cfg.store().retention()));
            } catch (RuntimeException e) {
                // A failed purge must not cancel tomorrow's: scheduleWithFixedDelay stops on an exception.
                err.println("vigil: retention purge failed, will retry in 24 h: " + e.getMessage());
            }
        }, 1, 24 * 60, TimeUnit.MINUTES);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("vigil: stopping (finishing in-flight evaluations)...");
            err.flush();
            reloader.close();
            housekeeping.shutdownNow();
            engine.stop(true);
            notifier.stop(Duration.ofSeconds(30));
            server.close();
            store.close();
            stopped.countDown();
        }, "vigil-shutdown"));
        out.printf("vigil: running %d rule(s); API on %s (Ctrl-C or SIGTERM to stop)%n",
                engine.loaded().compiled().groups().stream().mapToInt(g -> g.rules().size()).sum(), server.baseUri());
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
