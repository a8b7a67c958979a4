package io.vigil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.Database;
import io.vigil.store.StoreCheck;
import io.vigil.store.StoreSettings;
import io.vigil.store.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.ArrayList;
import org.h2.engine.SessionLocal;
import org.h2.index.Cursor;
import org.h2.index.Index;
import org.h2.jdbc.JdbcConnection;
import org.h2.result.Row;
import org.h2.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash can leave in the store, produced here on purpose: outbox rows and deliveries that break
 * the dispatcher's invariants (both stores), and an H2 file whose index no longer agrees with its
 * table (rows removed from its secondary indexes through H2's internals). Check finds each; repair puts
 * it right, rebuilding the H2 file from an export of itself.
 */
class StoreCheckTest {
    @TempDir Path dir;

    private static void breakInvariants(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO alert_instances (id, model, rule, labels, labels_hash, status, last_eval) "
                    + "VALUES (1, 'm', 'r', '{}', 0, 'firing', 0)");
            for (int i = 1; i <= 3; i++) {
                s.execute("INSERT INTO outbox (kind, target, instance_id, model, rule, event, event_at, created_at, "
                        + "due_at, payload, approval, state, delivery_id) VALUES ('notify', 'hook', 1, 'm', 'r', 'firing', 0, 0, 0, "
                        + "'{}', FALSE, '" + (i == 1 ? "queued" : "sealed") + "', " + (i == 1 ? 7 : 99) + ")");
            }
            s.execute("INSERT INTO deliveries (idempotency_key, kind, target, model, rule, event, state, attempts, "
                    + "created_at, next_at) VALUES ('k', 'notify', 'hook', 'm', 'r', 'firing', 'pending', 0, 0, 0)");
        }
    }

    private void invariants(StoreSettings settings) throws Exception {
        try (Database db = Database.open(settings)) {
            breakInvariants(db);
            StoreCheck.Report r = StoreCheck.check(db, true);
            assertThat(r.problems()).containsExactlyInAnyOrder(
                    "2 outbox rows sealed into a delivery that does not exist",
                    "1 queued outbox rows that name a delivery",
                    "1 pending deliveries with nothing to send");
            assertThat(StoreCheck.repairInvariants(db)).hasSize(3);
            assertThat(StoreCheck.check(db, true).ok()).isTrue();
        }
    }

    @Test
    void outboxInvariantsOnH2() throws Exception {
        invariants(StoreSettings.of("jdbc:h2:file:" + dir.resolve("inv/vigil")));
    }

    @Test
    void outboxInvariantsOnPostgresql() throws Exception {
        invariants(TestPostgres.newDatabase());
    }

    @Test
    void anH2IndexThatDisagreesWithItsTableIsFoundAndRebuilt() throws Exception {
        StoreSettings settings = StoreSettings.of("jdbc:h2:file:" + dir.resolve("idx/vigil"));
        try (Database db = Database.open(settings); Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO alert_instances (id, model, rule, labels, labels_hash, status, last_eval) "
                    + "VALUES (1, 'm', 'r', '{}', 0, 'firing', 0)");
            for (int i = 0; i < 10; i++) {
                s.execute("INSERT INTO outbox (kind, target, instance_id, model, rule, event, event_at, created_at, "
                        + "due_at, payload, approval, state) VALUES ('notify', 'hook', 1, 'm', 'r', 'firing', 0, 0, " + i
                        + ", '{}', FALSE, 'queued')");
            }
        }
        // Remove two rows from the table's secondary indexes only, behind H2's back, as a torn write could.
        try (Connection c = java.sql.DriverManager.getConnection(settings.url(), "", "")) {
            SessionLocal session = (SessionLocal) ((JdbcConnection) c).getSession();
            Table outbox = session.getDatabase().getSchema("PUBLIC").getTableOrView(session, "OUTBOX");
            List<Row> rows = new ArrayList<>();
            Cursor cursor = outbox.getScanIndex(session).find(session, null, null, false);
            while (cursor.next() && rows.size() < 2) rows.add(cursor.get());
            for (Index index : outbox.getIndexes()) {
                if (index == outbox.getScanIndex(session) || index.getIndexType().isPrimaryKey()) continue;
                for (Row row : rows) index.remove(session, row);
            }
            session.commit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
        try (Database db = Database.open(settings)) {
            StoreCheck.Report r = StoreCheck.check(db, false);
            assertThat(r.problems()).anySatisfy(p -> assertThat(p).startsWith("H2 table OUTBOX is inconsistent"));
            assertThat(StoreCheck.needsRebuild(r)).isTrue();
        }
        Path backup = StoreCheck.rebuildH2(settings);
        assertThat(backup).exists();
        try (Database db = Database.open(settings)) {
            assertThat(StoreCheck.check(db, true).problems()).isEmpty();
        }
    }
}
