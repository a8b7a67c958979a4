package io.vigil.bench;

import io.vigil.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The database a benchmark runs against: a fresh H2 file database in a temp directory, or a fresh
 * PostgreSQL database on a server started by {@link BenchPostgres} (or the one at {@code --store URL}).
 */
final class BenchDatabase implements AutoCloseable {
    private final StoreSettings settings;
    private final BenchPostgres postgres;

    private BenchDatabase(StoreSettings settings, BenchPostgres postgres) {
        this.settings = settings;
        this.postgres = postgres;
    }

    static BenchDatabase open(String backend, String url) throws IOException {
        if (url != null) return new BenchDatabase(StoreSettings.of(url), null);
        switch (backend) {
            case "h2" -> {
                Path dir = Files.createTempDirectory("vigil-bench-h2");
                return new BenchDatabase(StoreSettings.of("jdbc:h2:file:" + dir.resolve("vigil")), null);
            }
            case "postgresql" -> {
                BenchPostgres pg = BenchPostgres.start(Files.createTempDirectory("vigil-bench-pg"));
                return new BenchDatabase(pg.settings(), pg);
            }
            default -> throw new IllegalArgumentException("backend must be h2 or postgresql, got " + backend);
        }
    }

    StoreSettings settings() { return settings; }

    @Override public void close() throws IOException {
        if (postgres != null) postgres.close();
    }
}
