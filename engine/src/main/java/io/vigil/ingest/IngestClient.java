package io.vigil.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Sends snapshots and baselines to a running Vigil server's HTTP API (JDK HttpClient). */
public final class IngestClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String token;

    /** A refusal or failure, with the server's error message (and field path) when it sent one. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        Failure(int status, String message) {
            super(message);
            this.status = status;
        }

        /** HTTP status, or 0 when the server could not be reached. */
        public int status() { return status; }
    }

    /** @param token bearer token, or null when the server needs none */
    public IngestClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** POSTs a snapshot or an array of snapshots. */
    public void postSnapshots(byte[] json) throws Failure {
        post("/api/v1/snapshots", json);
    }

    /** Posts an array of predictions ({@code outcomes} false) or outcomes. */
    public void postRecords(boolean outcomes, byte[] json) throws Failure {
        post(outcomes ? "/api/v1/outcomes" : "/api/v1/predictions", json);
    }

    public void postBaseline(String model, String name, byte[] json) throws Failure {
        post("/api/v1/baselines/" + encode(model) + "/" + encode(name), json);
    }

    private void post(String path, byte[] body) throws Failure {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure(0, "cannot reach " + base + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(0, "interrupted");
        }
        if (r.statusCode() / 100 != 2) throw new Failure(r.statusCode(), describe(r));
    }

    private static String describe(HttpResponse<String> r) {
        try {
            JsonNode body = JSON.readTree(r.body());
            String path = body.path("path").asText("");
            String error = body.path("error").asText(r.body());
            return "HTTP " + r.statusCode() + ": " + (path.isEmpty() ? error : path + ": " + error);
        } catch (IOException | RuntimeException e) {
            return "HTTP " + r.statusCode() + ": " + r.body();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
