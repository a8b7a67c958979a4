package io.vigil.server;

import java.util.List;
import java.util.Objects;

/**
 * The HTTP API's settings ({@code server:} in vigil.yaml).
 *
 * @param host         address to bind when tokens are configured; without tokens the API binds
 *                     127.0.0.1 whatever this says, so an unauthenticated API is never reachable from outside
 * @param port         TCP port; 0 picks a free one
 * @param tokens       bearer tokens accepted; empty = no authentication (and loopback only)
 * @param maxBodyBytes request bodies above this size get 413
 */
public record ServerSettings(String host, int port, List<String> tokens, long maxBodyBytes) {
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY = 16L * 1024 * 1024;
    public static final String LOOPBACK = "127.0.0.1";

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        tokens = List.copyOf(tokens);
        if (tokens.stream().anyMatch(String::isBlank)) throw new IllegalArgumentException("a bearer token is empty");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port + " is out of range");
        if (maxBodyBytes < 1) throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
    }

    /** Defaults: port 8080, no tokens (so loopback only), 16 MiB bodies. */
    public static ServerSettings defaults() {
        return new ServerSettings("0.0.0.0", DEFAULT_PORT, List.of(), DEFAULT_MAX_BODY);
    }

    public ServerSettings withPort(int newPort) { return new ServerSettings(host, newPort, tokens, maxBodyBytes); }

    public ServerSettings withTokens(List<String> newTokens) { return new ServerSettings(host, port, newTokens, maxBodyBytes); }

    public ServerSettings withMaxBody(long bytes) { return new ServerSettings(host, port, tokens, bytes); }

    /** The address actually bound. */
    public String bindHost() { return tokens.isEmpty() ? LOOPBACK : host; }

    /** Tokens are secrets: never printed. */
    @Override public String toString() {
        return "ServerSettings[host=" + host + ", port=" + port + ", tokens=" + tokens.size() + " configured, maxBodyBytes="
                + maxBodyBytes + "]";
    }
}
