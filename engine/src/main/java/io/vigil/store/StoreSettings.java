package io.vigil.store;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the metric store lives and how long it keeps data (interfaces.md, {@code store:} in vigil.yaml).
 *
 * @param url       JDBC URL: {@code jdbc:h2:file:...} (embedded) or {@code jdbc:postgresql://...}
 * @param user      database user, may be empty
 * @param password  database password, may be empty; never logged
 * @param retention samples and distributions older than this are purged
 * @param poolSize  connections in the pool
 */
public record StoreSettings(String url, String user, String password, Duration retention, int poolSize) {
    /** The embedded default database. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/vigil";
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    public static final int DEFAULT_POOL_SIZE = 8;

    public StoreSettings {
        Objects.requireNonNull(url, "url");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        retention = retention == null ? DEFAULT_RETENTION : retention;
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, got " + retention);
        }
        if (poolSize < 1) throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
    }

    /** Settings for {@code url} with no credentials and default retention and pool size. */
    public static StoreSettings of(String url) {
        return new StoreSettings(url, "", "", DEFAULT_RETENTION, DEFAULT_POOL_SIZE);
    }

    /**
     * The URL for messages and logs: a password given in it ({@code password=...} as a parameter, or
     * {@code user:password@} before the host) is replaced by {@code ***}.
     */
    public String displayUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/@:]*:)[^/@]*@", "$1***@");
    }

    public StoreSettings withCredentials(String newUser, String newPassword) {
        return new StoreSettings(url, newUser, newPassword, retention, poolSize);
    }

    public StoreSettings withRetention(Duration newRetention) {
        return new StoreSettings(url, user, password, newRetention, poolSize);
    }

    public StoreSettings withPoolSize(int newPoolSize) {
        return new StoreSettings(url, user, password, retention, newPoolSize);
    }

    /** Keeps the password out of logs and error messages. */
    @Override public String toString() {
        return "StoreSettings[url=" + url + ", user=" + user + ", retention=" + retention + ", poolSize=" + poolSize + "]";
    }
}
