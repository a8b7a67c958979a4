package io.vigil.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a store for what a crash can leave behind, and repairs it. On both stores: the outbox
 * invariants the dispatcher relies on (a sealed row belongs to an existing delivery, a queued one to
 * none, a pending delivery has rows to send). On an H2 file also the file itself: every table's rows
 * counted whole, per distinct key and per group of each indexed column must agree (a kill -9 once left
 * a file where they did not, and sealing spun on it). Repair fixes the invariants in place and, for an
 * inconsistent H2 file, exports it to SQL and imports that into a fresh file, keeping the old one.
 */
public final class StoreCheck {
    private StoreCheck() {}

    /** What was found: each problem as a line a person can act on; empty when the store is sound. */
    public record Report(List<String> problems) {
        public boolean ok() { return problems.isEmpty(); }
    }

    /** The outbox invariants: name → the query counting its violations and the statement repairing them. */
    private static final Map<String, String[]> INVARIANTS = new TreeMap<>(Map.of(
            "outbox rows sealed into a delivery that does not exist", new String[] {
                "SELECT COUNT(*) FROM outbox o WHERE o.state = 'sealed' AND NOT EXISTS "
                        + "(SELECT 1 FROM deliveries d WHERE d.id = o.delivery_id)",
                // Sealed again by the dispatcher, with the same idempotency key (it derives from the rows).
                "UPDATE outbox SET state = 'queued', delivery_id = NULL WHERE state = 'sealed' AND NOT EXISTS "
                        + "(SELECT 1 FROM deliveries d WHERE d.id = outbox.delivery_id)"},
            "queued outbox rows that name a delivery", new String[] {
                "SELECT COUNT(*) FROM outbox WHERE state = 'queued' AND delivery_id IS NOT NULL",
                "UPDATE outbox SET delivery_id = NULL WHERE state = 'queued' AND delivery_id IS NOT NULL"},
            "pending deliveries with nothing to send", new String[] {
                "SELECT COUNT(*) FROM deliveries d WHERE d.state = 'pending' AND NOT EXISTS "
                        + "(SELECT 1 FROM outbox o WHERE o.delivery_id = d.id)",
                "UPDATE deliveries SET state = 'dead', last_error = 'no outbox rows left (vigil store repair)' "
                        + "WHERE state = 'pending' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.delivery_id = deliveries.id)"}));

    /** The tables a start-up checks on H2: the small ones a crash mid-delivery writes to (not the samples). */
    private static final List<String> DELIVERY_TABLES = List.of("OUTBOX", "DELIVERIES", "NOTIFY_MARKS", "APPROVALS",
            "ALERT_INSTANCES");

    /** Checks the open database; {@code everyTable} false limits the H2 file check to the delivery tables. */
    public static Report check(Database db, boolean everyTable) {
        List<String> problems = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            if (db.vendor() == Database.Vendor.H2) problems.addAll(h2Tables(c, everyTable));
            for (Map.Entry<String, String[]> e : INVARIANTS.entrySet()) {
                long n = count(c, e.getValue()[0]);
                if (n > 0) problems.add(n + " " + e.getKey());
            }
        } catch (SQLException e) {
            problems.add("the store cannot be read: " + e.getMessage());
        }
        return new Report(problems);
    }

    /** Whether a report names an H2 table whose file structures disagree (repair needs a rebuild). */
    public static boolean needsRebuild(Report r) {
        return r.problems().stream().anyMatch(p -> p.startsWith("H2 table "));
    }

    /** Repairs the outbox invariants in one transaction; returns what was changed. */
    public static List<String> repairInvariants(Database db) {
        List<String> done = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (Map.Entry<String, String[]> e : INVARIANTS.entrySet()) {
                try (Statement s = c.createStatement()) {
                    int n = s.executeUpdate(e.getValue()[1]);
                    if (n > 0) done.add("repaired " + n + " " + e.getKey());
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("repairing the outbox: " + e.getMessage(), e);
        }
        return done;
    }

    /**
     * Rebuilds a closed H2 file from an SQL export of itself: every table and index is written anew.
     * The old file is kept beside it as {@code <name>.mv.db.<time>.bak}; returns its path.
     */
    public static Path rebuildH2(StoreSettings settings) {
        String url = settings.url();
        if (!url.startsWith("jdbc:h2:file:")) throw new StoreException("only an H2 file store can be rebuilt, not " + url);
        String base = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
        Path file = Path.of(base + ".mv.db");
        Path script = Path.of(base + ".rebuild.sql");
        Path fresh = Path.of(base + ".rebuild");
        Path backup = Path.of(file + "." + Instant.now().toEpochMilli() + ".bak");
        try {
            try (Connection c = DriverManager.getConnection(url, settings.user(), settings.password());
                 Statement s = c.createStatement()) {
                s.execute("SCRIPT TO '" + script.toString().replace("'", "''") + "'");
            }
            Files.deleteIfExists(Path.of(fresh + ".mv.db"));
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + fresh, settings.user(), settings.password());
                 Statement s = c.createStatement()) {
                s.execute("RUNSCRIPT FROM '" + script.toString().replace("'", "''") + "'");
                s.execute("SHUTDOWN");
            }
            Files.move(file, backup);
            Files.move(Path.of(fresh + ".mv.db"), file, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(script);
            return backup;
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot rebuild " + file + ": " + e.getMessage(), e);
        }
    }

    /** Tables whose whole count disagrees with their count per key or per indexed column's groups. */
    private static List<String> h2Tables(Connection c, boolean everyTable) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> indexed = new TreeMap<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT i.TABLE_NAME, c.COLUMN_NAME, i.INDEX_TYPE_NAME "
                + "FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c ON c.INDEX_NAME = i.INDEX_NAME "
                + "AND c.TABLE_SCHEMA = i.TABLE_SCHEMA WHERE i.TABLE_SCHEMA = 'PUBLIC' AND c.ORDINAL_POSITION = 1")) {
            while (rs.next()) indexed.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
        for (Map.Entry<String, List<String>> t : indexed.entrySet()) {
            if (!everyTable && !DELIVERY_TABLES.contains(t.getKey())) continue;
            String table = "\"" + t.getKey() + "\"";
            long whole = count(c, "SELECT COUNT(*) FROM " + table);
            for (String column : t.getValue().stream().distinct().toList()) {
                String col = "\"" + column + "\"";
                long grouped = count(c, "SELECT COALESCE(SUM(n), 0) FROM (SELECT COUNT(*) n FROM " + table
                        + " GROUP BY " + col + ") g");
                long scanned = count(c, "SELECT COUNT(*) FROM " + table + " WHERE " + col + " IS NULL OR " + col
                        + " IS NOT NULL");
                if (grouped != whole || scanned != whole) {
                    problems.add("H2 table " + t.getKey() + " is inconsistent: " + whole + " rows counted whole, "
                            + scanned + " through column " + column + ", " + grouped + " grouped by it");
                }
            }
        }
        return problems;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
