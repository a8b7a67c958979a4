package io.vigil.notify;

import io.vigil.config.Config;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A dispatcher alone in its own JVM, for the crash test: {@code DispatcherProcess <jdbc-url> <vigil.yaml>}
 * delivers the store's outbox until the process is killed.
 */
public final class DispatcherProcess {
    private DispatcherProcess() {}

    public static void main(String[] args) throws Exception {
        Path yaml = Path.of(args[1]);
        Config config = OutboxWorld.config(yaml.getParent(), Files.readString(yaml), Map.of());
        JdbcMetricStore store = JdbcMetricStore.open(StoreSettings.of(args[0]));
        Notifier notifier = new Notifier(config, store.database().dataSource(), Clock.systemUTC(),
                NotifyOptions.defaults(Links.of("http://vigil.test:8080")).withDispatch(OutboxWorld.fastDispatch()));
        notifier.start((name, n) -> {});
        System.out.println("dispatching");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
