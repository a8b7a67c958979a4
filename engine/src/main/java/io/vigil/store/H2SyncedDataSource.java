package io.vigil.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * Makes every write to an embedded H2 file durable before the caller can acknowledge it. H2's MVStore
 * keeps committed transactions in memory and writes them to the file from a background thread about
 * once a second, so a process killed in that second lost commits that had been answered 200. Here a
 * connection that wrote something (a commit, or any statement other than a query) runs
 * {@code CHECKPOINT SYNC} when it is given back: the MVStore writes its changes to the file and the
 * file is fsynced, before the code that wrote can answer anyone. Connections that only read cost nothing.
 */
final class H2SyncedDataSource implements DataSource {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(H2SyncedDataSource.class);

    private final DataSource pool;
    private final AtomicBoolean unsupported = new AtomicBoolean();

    H2SyncedDataSource(DataSource pool) {
        this.pool = pool;
    }

    @Override public Connection getConnection() throws SQLException {
        return wrap(pool.getConnection());
    }

    @Override public Connection getConnection(String user, String password) throws SQLException {
        return wrap(pool.getConnection(user, password));
    }

    private Connection wrap(Connection c) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new ConnectionHandler(c));
    }

    /** Marks its connection written on commit and on non-query statements; syncs on close. */
    private final class ConnectionHandler implements InvocationHandler {
        private final Connection target;
        private boolean written;

        ConnectionHandler(Connection target) {
            this.target = target;
        }

        @Override public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            switch (m.getName()) {
                case "close" -> {
                    close();
                    return null;
                }
                case "commit" -> written = true;
                case "unwrap", "isWrapperFor" -> {
                    if (args[0] == Connection.class) return m.getName().equals("unwrap") ? proxy : true;
                }
                default -> { }
            }
            Object result = call(target, m, args);
            if (result instanceof Statement s) return statement(s, m.getReturnType());
            return result;
        }

        private Object statement(Statement s, Class<?> type) {
            Class<?> iface = CallableStatement.class.isAssignableFrom(type) ? CallableStatement.class
                    : PreparedStatement.class.isAssignableFrom(type) ? PreparedStatement.class : Statement.class;
            return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {iface}, (p, m, a) -> {
                if (m.getName().startsWith("execute") && !m.getName().equals("executeQuery")) written = true;
                return call(s, m, a);
            });
        }

        private void close() throws SQLException {
            if (target.isClosed()) return;
            try {
                if (written) sync();
            } finally {
                target.close();
            }
        }

        private void sync() throws SQLException {
            // Work left uncommitted is rolled back, as the pool would on close, so CHECKPOINT (which
            // commits the session's transaction) never commits what the caller abandoned.
            if (!target.getAutoCommit()) target.rollback();
            if (unsupported.get()) return;
            // An interrupted thread's FileChannel.force closes the channel (ClosedByInterruptException), and
            // H2 then fails every later write: Quartz interrupts its threads when it shuts down, which made a
            // clean SIGTERM log "Could not sync file". The interrupt is held back for the sync and restored.
            boolean interrupted = Thread.interrupted();
            try (Statement s = target.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            } catch (SQLException e) {
                // CHECKPOINT needs admin rights: a store opened with a user that lacks them keeps H2's
                // default (changes reach the file within about a second).
                if (e.getErrorCode() == 90040 && unsupported.compareAndSet(false, true)) {
                    LOG.warn("the H2 user has no admin rights, so writes cannot be synced at once: a kill -9 can "
                            + "lose the last second of acknowledged writes ({})", e.getMessage());
                    return;
                }
                throw e;
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        }
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override public PrintWriter getLogWriter() throws SQLException { return pool.getLogWriter(); }

    @Override public void setLogWriter(PrintWriter out) throws SQLException { pool.setLogWriter(out); }

    @Override public void setLoginTimeout(int seconds) throws SQLException { pool.setLoginTimeout(seconds); }

    @Override public int getLoginTimeout() throws SQLException { return pool.getLoginTimeout(); }

    @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
