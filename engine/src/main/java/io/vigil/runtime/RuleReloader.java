package io.vigil.runtime;

import io.vigil.check.References;
import io.vigil.check.RuleSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload: polls the rule files' names, sizes and modification times and reloads the engine when they
 * change. Polling, not a file-system watch, because editors replace files in ways watches miss.
 */
public final class RuleReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleReloader.class);

    private final Engine engine;
    private final List<Path> paths;
    private final References references;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-rule-reloader");
        t.setDaemon(true);
        return t;
    });
    private String lastSeen;

    public RuleReloader(Engine engine, List<Path> paths, References references) {
        this.engine = engine;
        this.paths = List.copyOf(paths);
        this.references = references;
        this.lastSeen = fingerprint();
    }

    public void start(long periodMillis) {
        timer.scheduleWithFixedDelay(this::poll, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Reloads if any rule file was added, removed or changed since the last look. */
    public void poll() {
        String now = fingerprint();
        if (now.equals(lastSeen)) return;
        lastSeen = now;
        try {
            LOG.info("rule files changed; reloading");
            engine.load(paths, references);
        } catch (RuleSources.LoadException | RuntimeException e) {
            LOG.error("reload failed, the running rules keep going: {}", e.getMessage());
        }
    }

    private String fingerprint() {
        TreeMap<String, String> seen = new TreeMap<>();
        for (Path p : paths) {
            try (Stream<Path> walk = Files.isDirectory(p) ? Files.walk(p) : Stream.of(p)) {
                walk.filter(f -> f.toString().endsWith(".vigil") && Files.isRegularFile(f)).forEach(f -> {
                    try {
                        seen.put(f.toString(), Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis());
                    } catch (IOException e) {
                        seen.put(f.toString(), "unreadable");
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                seen.put(p.toString(), "unreadable");
            }
        }
        return seen.toString();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
