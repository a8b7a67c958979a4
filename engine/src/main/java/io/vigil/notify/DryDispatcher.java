package io.vigil.notify;

import io.vigil.config.Channel;
import io.vigil.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The dispatcher of a replay (rule tests, backtests) on a throwaway store: it runs the chores (approval
 * expiry) and seals the outbox into deliveries at the times a live dispatcher would, each queued row at
 * its due time (so {@code group_wait} batches instances as live), and sends nothing. Deliveries stay in
 * the state they were sealed in; a person never approves or rejects, so waiting runs expire.
 */
public final class DryDispatcher {
    private final DataSource dataSource;
    private final Sealer sealer;
    private final List<Consumer<Instant>> chores;

    /** @param chores what the live dispatcher runs at each pass (e.g. {@code Approvals::expire}) */
    public DryDispatcher(DataSource dataSource, Map<String, Channel> channels, Duration approvalExpiry,
                         List<Consumer<Instant>> chores) {
        this.dataSource = dataSource;
        Map<String, Channel> known = Map.copyOf(channels);
        Sender grouping = new Sender() {
            @Override
            public Outcome send(Delivery delivery) { return new Outcome.Dead("a replay sends nothing"); }

            @Override
            public Duration timeout(String target) { return Duration.ZERO; }

            @Override
            public boolean groups(String target) { return ChannelSender.groups(known, target); }
        };
        this.sealer = new Sealer(dataSource, Map.of("notify", grouping), approvalExpiry);
        this.chores = List.copyOf(chores);
    }

    /** Brings the outbox up to {@code t}: every row due at or before it sealed at its due time, then the chores at t. */
    public void until(Instant t) {
        for (Instant due = nextDue(t); due != null; due = nextDue(t)) {
            for (Consumer<Instant> chore : chores) chore.accept(due);
            sealer.sealDue(due);
        }
        for (Consumer<Instant> chore : chores) chore.accept(t);
    }

    /** The earliest due time of a queued row, if at or before {@code t}. */
    private Instant nextDue(Instant t) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT MIN(due_at) FROM outbox WHERE state = 'queued'")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() || v > t.toEpochMilli() ? null : Instant.ofEpochMilli(v);
            }
        } catch (SQLException e) {
            throw new StoreException("reading the outbox: " + e.getMessage(), e);
        }
    }
}
