package io.vigil.notify;

import java.util.function.Supplier;

/**
 * Links from messages back into the engine's API, under the URL people reach it at. The URL may be
 * known only once the server has started (port 0), so it is read when a message is written.
 */
public final class Links {
    private final Supplier<String> base;

    private Links(Supplier<String> base) {
        this.base = base;
    }

    /** Links under a fixed URL such as {@code https://vigil.example.com}. */
    public static Links of(String base) {
        String b = trim(base);
        return new Links(() -> b);
    }

    /** Links under a URL read at each use. */
    public static Links lazy(Supplier<String> base) {
        return new Links(() -> trim(base.get()));
    }

    private static String trim(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    public String base() { return base.get(); }

    /** The alert's transitions and notifications: {@code /api/v1/alerts/{id}/history}. */
    public String alert(long id) { return base() + "/api/v1/alerts/" + id + "/history"; }
}
