package io.vigil.diff;

import io.vigil.store.StoreSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The backtest delta on history in an embedded H2 file database. */
class H2BacktestDeltaTest extends BacktestDeltaContract {
    @TempDir Path dir;

    @Override StoreSettings freshDatabase() {
        return StoreSettings.of("jdbc:h2:file:" + dir.resolve("vigil"));
    }
}
