package io.vigil.runtime;

import io.vigil.store.StoreSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Distribution functions with {@code by} on an H2 file. */
class H2DistributionByTest extends DistributionByContract {
    @TempDir Path dir;

    @Override StoreSettings freshDatabase() {
        return StoreSettings.of("jdbc:h2:file:" + dir.resolve("vigil"));
    }
}
