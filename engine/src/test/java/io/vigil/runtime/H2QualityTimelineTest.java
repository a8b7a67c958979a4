package io.vigil.runtime;

import io.vigil.store.StoreSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The quality timeline on an H2 file database in a temporary directory. */
class H2QualityTimelineTest extends QualityTimelineContract {
    @TempDir Path dir;

    @Override
    StoreSettings freshDatabase() {
        return StoreSettings.of("jdbc:h2:file:" + dir.resolve("vigil"));
    }
}
