package io.vigil.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Vigil's database: a HikariCP pool on H2 or PostgreSQL with the schema brought up to date by Flyway.
 * Other components (alert state, outbox, Quartz) share this pool; their tables are further migrations.
 *
 * <p>Migrations live in {@code db/migration/common} (portable SQL) and, where a vendor needs its own
 * SQL, in {@code db/migration/h2} or {@code db/migration/postgresql}; versions are shared across the
 * folders, so a vendor-specific version must exist in both vendor folders.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final DataSource dataSource;
    private final Vendor vendor;

    /** The two supported database products; {@link #id} is Flyway's and Quartz's name for them. */
    public enum Vendor {
        H2("h2"), POSTGRESQL("postgresql");

        public final String id;

        Vendor(String id) { this.id = id; }

        /** The vendor of a JDBC URL. */
        public static Vendor of(String url) {
            if (url.startsWith("jdbc:h2:")) return H2;
            if (url.startsWith("jdbc:postgresql:")) return POSTGRESQL;
            throw new StoreException("unsupported store URL '" + url
                    + "'; expected jdbc:h2:... (embedded) or jdbc:postgresql://host/db");
        }
    }

    private Database(HikariDataSource pool, Vendor vendor, boolean h2File) {
        this.pool = pool;
        this.dataSource = h2File ? new H2SyncedDataSource(pool) : pool;
        this.vendor = vendor;
    }

    /** Connects, migrates the schema and returns the open database. */
    public static Database open(StoreSettings settings) {
        Vendor vendor = Vendor.of(settings.url());
        HikariConfig config = new HikariConfig();
        config.setPoolName("vigil-store");
        config.setJdbcUrl(vendor == Vendor.H2 ? closedByUs(settings.url()) : settings.url());
        if (!settings.user().isEmpty()) config.setUsername(settings.user());
        if (!settings.password().isEmpty()) config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(10_000);
        if (vendor == Vendor.POSTGRESQL) {
            // Turns a JDBC batch of single-row inserts into multi-row statements: 5-10x faster ingest.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the store at " + settings.displayUrl() + ": " + rootMessage(e), e);
        }
        try {
            migrate(pool, vendor);
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException("cannot migrate the store schema at " + settings.displayUrl() + ": "
                    + rootMessage(e), e);
        }
        return new Database(pool, vendor, vendor == Vendor.H2 && !settings.url().startsWith("jdbc:h2:mem:"));
    }

    /**
     * The H2 URL with {@code DB_CLOSE_ON_EXIT=FALSE} unless it says otherwise: H2's own shutdown hook
     * would close the database while ours still stops the engine and the dispatcher in order, and
     * their last reads failed with "Database is already closed". Closing the pool closes H2.
     */
    static String closedByUs(String url) {
        return url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT") ? url : url + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private static void migrate(DataSource dataSource, Vendor vendor) {
        String vendorFolder = "db/migration/" + vendor.id;
        boolean hasVendorFolder = Database.class.getClassLoader().getResource(vendorFolder) != null;
        String[] locations = hasVendorFolder
                ? new String[] {"classpath:db/migration/common", "classpath:" + vendorFolder}
                : new String[] {"classpath:db/migration/common"};
        Flyway.configure().dataSource(dataSource).locations(locations).load().migrate();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /**
     * The pool every component shares. On an H2 file a connection that wrote syncs the file when it is
     * given back ({@link H2SyncedDataSource}), so whatever a caller acknowledges after closing it is on
     * disk; PostgreSQL does that on every commit.
     */
    public DataSource dataSource() { return dataSource; }

    public Vendor vendor() { return vendor; }

    /** Runs {@code SELECT 1}: true when the database answers (for readiness checks). */
    public boolean isReachable() {
        try (var c = pool.getConnection(); var s = c.createStatement()) {
            return s.execute("SELECT 1");
        } catch (SQLException e) {
            return false;
        }
    }

    @Override public void close() { pool.close(); }
}
