package io.vigil.server;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions of the web console, in memory (a restart logs everyone out, which a token re-entry
 * fixes): an HttpOnly, SameSite=Strict cookie names the session, and each session has its CSRF token,
 * which every state-changing request made with the cookie must echo in {@value #CSRF_HEADER} or the
 * {@value #CSRF_FIELD} form field.
 */
public final class Sessions {
    public static final String COOKIE = "vigil_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "csrf";
    private static final Duration LIFETIME = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 10_000;

    /** One session: its CSRF token and when it ends. */
    public record Session(String id, String csrf, Instant expires) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session, its cookie set on the response. */
    public Session create(Context ctx) {
        Instant now = clock.instant();
        if (byId.size() >= MAX_SESSIONS) byId.values().removeIf(s -> !s.expires().isAfter(now));
        Session s = new Session(secret(), secret(), now.plus(LIFETIME));
        byId.put(s.id(), s);
        Cookie c = new Cookie(COOKIE, s.id(), "/", (int) LIFETIME.toSeconds(), "https".equals(ctx.scheme()), true,
                null, SameSite.STRICT);
        ctx.cookie(c);
        return s;
    }

    /** The request's live session, or null. */
    public Session of(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id == null) return null;
        Session s = byId.get(id);
        if (s == null) return null;
        if (!s.expires().isAfter(clock.instant())) {
            byId.remove(id);
            return null;
        }
        return s;
    }

    /** Whether the request echoes the session's CSRF token (header or form field), compared in constant time. */
    public static boolean csrfMatches(Context ctx, Session s) {
        String given = ctx.header(CSRF_HEADER);
        String type = ctx.contentType();
        if (given == null && type != null && type.startsWith("application/x-www-form-urlencoded")) given = ctx.formParam(CSRF_FIELD);
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                s.csrf().getBytes(StandardCharsets.UTF_8));
    }

    public void end(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id != null) byId.remove(id);
        ctx.removeCookie(COOKIE, "/");
    }

    private String secret() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
