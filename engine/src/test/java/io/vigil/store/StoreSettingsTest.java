package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A password written into a JDBC URL never reaches a message. */
class StoreSettingsTest {

    @Test
    void displayUrlHidesPasswords() {
        assertThat(StoreSettings.of("jdbc:postgresql://db:5432/vigil?user=vigil&password=s3cr%21t&ssl=true").displayUrl())
                .isEqualTo("jdbc:postgresql://db:5432/vigil?user=vigil&password=***&ssl=true");
        assertThat(StoreSettings.of("jdbc:h2:file:./data/vigil;USER=sa;PASSWORD=hunter2").displayUrl())
                .isEqualTo("jdbc:h2:file:./data/vigil;USER=sa;PASSWORD=***");
        assertThat(StoreSettings.of("jdbc:postgresql://vigil:hunter2@db/vigil").displayUrl())
                .isEqualTo("jdbc:postgresql://vigil:***@db/vigil");
        assertThat(StoreSettings.of("jdbc:h2:file:./data/vigil").displayUrl()).isEqualTo("jdbc:h2:file:./data/vigil");
    }

    @Test
    void aStoreThatCannotBeOpenedIsNamedWithoutItsPassword() {
        // nothing listens on port 1: the connection is refused
        StoreSettings s = StoreSettings.of("jdbc:postgresql://127.0.0.1:1/vigil?password=hunter2&connectTimeout=2");
        assertThatThrownBy(() -> Database.open(s)).isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot open the store at jdbc:postgresql://127.0.0.1:1/vigil?password=***")
                .hasMessageNotContaining("hunter2");
    }
}
