package io.vigil.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The prediction store contract on an H2 file database. */
class H2PredictionStoreTest extends PredictionStoreContract {
    @TempDir Path dir;

    @Override StoreSettings freshDatabase() {
        return StoreSettings.of("jdbc:h2:file:" + dir.resolve("vigil"));
    }
}
