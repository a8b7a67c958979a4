package io.vigil.schedule;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates Quartz's own tables (scripts copied from the Quartz jar) with Flyway. They have their own
 * history table so Quartz's schema evolves independently of Vigil's.
 */
public final class QuartzTables {
    private QuartzTables() {}

    /** Applies the Quartz migrations for the database behind {@code dataSource}; {@code vendor} is h2 or postgresql. */
    public static void migrate(DataSource dataSource, String vendor) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/quartz/" + vendor)
                .table("flyway_quartz_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
