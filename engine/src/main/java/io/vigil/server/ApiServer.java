package io.vigil.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vigil's HTTP API on Javalin: bearer-token authentication when tokens are configured (and the
 * loopback address only when none are), a body-size limit, and one JSON error format for every
 * refusal. Features add their endpoints as {@link RouteGroup}s.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin app;
    private final ServerSettings settings;

    private ApiServer(Javalin app, ServerSettings settings) {
        this.app = app;
        this.settings = settings;
    }

    /** Starts the server with {@code groups} mounted; returns once it accepts connections. */
    public static ApiServer start(ServerSettings settings, List<RouteGroup> groups) {
        return start(settings, groups, new Sessions(java.time.Clock.systemUTC()));
    }

    /**
     * As {@link #start(ServerSettings, List)}, and a request carrying a live session cookie of {@code sessions}
     * is authenticated like a bearer token, provided a state-changing method also echoes the session's CSRF token.
     */
    public static ApiServer start(ServerSettings settings, List<RouteGroup> groups, Sessions sessions) {
        BodyReader bodies = new BodyReader(settings.maxBodyBytes());
        List<byte[]> tokens = settings.tokens().stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.bindHost();
            config.jetty.port = settings.port();
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.routes.before(ctx -> authenticate(ctx, tokens, sessions));
            config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.path()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("failure on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error; see the server log", "");
            });
            // Javalin answers unmatched paths and methods in plain text; our own errors are JSON already.
            config.routes.error(404, ctx -> {
                if (!isJson(ctx)) error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path(), "");
            });
            config.routes.error(405, ctx -> {
                if (!isJson(ctx)) error(ctx, 405, ctx.method() + " is not allowed on " + ctx.path(), "");
            });
            for (RouteGroup g : groups) g.register(config.routes, bodies);
        });
        app.start();
        LOG.info("API listening on {}:{}{}", settings.bindHost(), app.port(),
                settings.tokens().isEmpty() ? " (no tokens configured: loopback only, no authentication)" : "");
        return new ApiServer(app, settings);
    }

    private static void authenticate(Context ctx, List<byte[]> tokens, Sessions sessions) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && validToken(header.substring(7).strip(), tokens)) {
            return;
        }
        Sessions.Session session = sessions.of(ctx);
        if (session != null) {
            // A cookie is sent by the browser whatever page asked: a write must prove it came from our own page.
            String method = ctx.method().name();
            if (!method.equals("GET") && !method.equals("HEAD") && !Sessions.csrfMatches(ctx, session)) {
                throw new ApiError(403, "missing or wrong CSRF token; reload the page");
            }
            return;
        }
        if (tokens.isEmpty() || PUBLIC_PATHS.contains(ctx.path())) return;
        if (!ctx.path().startsWith("/api/") && !ctx.path().equals("/metrics") && ctx.method().name().equals("GET")) {
            ctx.redirect("/login");
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.header("WWW-Authenticate", "Bearer");
        throw new ApiError(401, header == null ? "missing bearer token (Authorization: Bearer <token>)"
                : "invalid bearer token");
    }

    /** Pages anyone may load: the console's login and its static assets. */
    private static final java.util.Set<String> PUBLIC_PATHS = java.util.Set.of("/login", "/console.css", "/console.js");

    /** Whether {@code given} is one of the configured tokens, compared with each in constant time. */
    public static boolean validToken(String given, List<byte[]> tokens) {
        byte[] g = given.getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        // Compare against every token, so timing reveals neither which nor how much matched.
        for (byte[] t : tokens) ok |= MessageDigest.isEqual(g, t);
        return ok;
    }

    /** Whether a handler already wrote a JSON body (its own, more precise 404/405); the request's type is irrelevant. */
    private static boolean isJson(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json");
    }

    /**
     * A group that answers {@code type} with 503 "{@code what} is unavailable: message": a dependency
     * of the routes (the store) is down, not the request wrong. Registered by the groups that use it,
     * so this package knows no dependency.
     */
    public static <E extends Exception> RouteGroup unavailableOn(Class<E> type, String what) {
        return (routes, bodies) -> routes.exception(type, (e, ctx) -> {
            LOG.error("{} failure on {} {}", what, ctx.method(), ctx.path(), e);
            error(ctx, 503, what + " is unavailable: " + e.getMessage(), "");
        });
    }

    /** Writes the API's error body. */
    public static void error(Context ctx, int status, String message, String path) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message);
        if (path != null && !path.isEmpty()) body.put("path", path);
        json(ctx.status(status), body);
    }

    /** The API's error body for {@code message}, for answers written outside a route. */
    static byte[] errorBody(String message) {
        try {
            return JSON.writeValueAsBytes(Map.of("error", message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error as JSON", e);
        }
    }

    /** Writes {@code value} as the JSON response body. */
    public static void json(Context ctx, Object value) {
        try {
            ctx.contentType("application/json").result(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response as JSON", e);
        }
    }

    public int port() { return app.port(); }

    /** {@code http://host:port}, for clients in the same process (tests, benchmarks). */
    public URI baseUri() {
        String host = settings.bindHost().equals("0.0.0.0") ? ServerSettings.LOOPBACK : settings.bindHost();
        return URI.create("http://" + host + ":" + port());
    }

    @Override public void close() { app.stop(); }
}
