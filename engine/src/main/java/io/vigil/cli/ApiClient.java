package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON requests to a running engine's API for the commands that operate it (alerts, silences, approvals). */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String token;

    /** A refusal (the server's message, with the field path when it named one) or an unreachable server. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient JsonNode body;

        Failure(String message) { this(message, null); }

        Failure(String message, JsonNode body) {
            super(message);
            this.body = body;
        }

        /** The refusal's JSON body, or null (unreachable, or not JSON). */
        JsonNode body() { return body; }
    }

    ApiClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    JsonNode get(String path) throws Failure {
        return send(builder(path).GET());
    }

    JsonNode post(String path, Object body) throws Failure {
        return post(path, body, REQUEST_TIMEOUT);
    }

    /** A POST the engine may take longer than usual to answer (a backtest). */
    JsonNode post(String path, Object body, Duration timeout) throws Failure {
        try {
            return send(builder(path).timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode delete(String path) throws Failure {
        return send(builder(path).DELETE());
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT);
        if (token != null && !token.isBlank()) b.header("Authorization", "Bearer " + token);
        return b;
    }

    private JsonNode send(HttpRequest.Builder b) throws Failure {
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure("cannot reach the engine at " + base + " (is `vigil run` running? --server URL): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            body = null;
        }
        if (r.statusCode() / 100 != 2) {
            String error = body == null ? r.body() : body.path("error").asText(r.body());
            String path = body == null ? "" : body.path("path").asText("");
            throw new Failure("HTTP " + r.statusCode() + ": " + (path.isEmpty() ? "" : path + ": ") + error, body);
        }
        return body;
    }
}
