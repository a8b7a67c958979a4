package io.vigil.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an H2 file database in a temporary directory. */
class H2MetricStoreTest extends MetricStoreContract {
    @TempDir Path dir;

    @Override StoreSettings freshDatabase() {
        return StoreSettings.of("jdbc:h2:file:" + dir.resolve("vigil"));
    }
}
