package io.vigil.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The few statements whose SQL differs between H2 and PostgreSQL: upserts (H2's MERGE ... KEY,
 * PostgreSQL's INSERT ... ON CONFLICT) and binding an id list to an array parameter.
 */
enum SqlDialect {
    H2 {
        @Override String upsertSample() {
            return "MERGE INTO samples (series_id, ts, val, stale) KEY (series_id, ts) VALUES (?, ?, ?, ?)";
        }

        @Override String upsertDistribution() {
            return "MERGE INTO distributions (model, feature, ts, kind, payload, null_count, labels, labels_hash)"
                    + " KEY (model, feature, ts, labels_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        }

        @Override String insertSeriesIfAbsent() {
            return "MERGE INTO series (model, name, labels, labels_hash) KEY (model, name, labels_hash) VALUES (?, ?, ?, ?)";
        }
    },
    POSTGRESQL {
        @Override String upsertSample() {
            return "INSERT INTO samples (series_id, ts, val, stale) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (series_id, ts) DO UPDATE SET val = EXCLUDED.val, stale = EXCLUDED.stale";
        }

        @Override String upsertDistribution() {
            return "INSERT INTO distributions (model, feature, ts, kind, payload, null_count, labels, labels_hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model, feature, ts, labels_hash) DO UPDATE SET"
                    + " kind = EXCLUDED.kind, payload = EXCLUDED.payload, null_count = EXCLUDED.null_count";
        }

        @Override String insertSeriesIfAbsent() {
            return "INSERT INTO series (model, name, labels, labels_hash) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (model, name, labels_hash) DO NOTHING";
        }
    };

    static SqlDialect of(Database.Vendor vendor) {
        return vendor == Database.Vendor.H2 ? H2 : POSTGRESQL;
    }

    abstract String upsertSample();

    /** A plain insert of one sample, failing with SQLSTATE 23505 when its key exists. */
    String insertSample() {
        return "INSERT INTO samples (series_id, ts, val, stale) VALUES (?, ?, ?, ?)";
    }

    /**
     * Whether a writer should try {@link #insertSample()} first and {@link #upsertSample()} only when a
     * key exists: H2's MERGE reads every key before writing it, PostgreSQL's ON CONFLICT costs no more
     * than an insert.
     */
    boolean insertSamplesFirst() {
        return this == H2;
    }

    abstract String upsertDistribution();

    abstract String insertSeriesIfAbsent();

    /** Binds series ids to an array parameter (e.g. {@code UNNEST(?)}). */
    void bindIds(Connection c, PreparedStatement ps, int index, long[] ids) throws SQLException {
        Long[] boxed = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) boxed[i] = ids[i];
        ps.setArray(index, c.createArrayOf("BIGINT", boxed));
    }
}
