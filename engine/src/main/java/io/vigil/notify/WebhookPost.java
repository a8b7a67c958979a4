package io.vigil.notify;

import io.vigil.config.Secret;
import io.vigil.config.Text;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * One JSON POST of a webhook channel or action with the JDK HttpClient: idempotency key, optional
 * signature, a timeout. 2xx is delivered; 408, 429, 5xx, timeouts and connection failures are retried
 * (after {@code Retry-After} when the receiver sends one); any other status is dead at once, since
 * sending the same request again cannot change the answer. Redirects are not followed.
 */
public final class WebhookPost {
    private static final int SNIPPET = 300;

    private final HttpClient http;
    private final Clock clock;

    public WebhookPost(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** HTTP/1.1 (receivers behind simple servers choke on an h2c upgrade), no redirects, 10 s to connect. */
    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Posts {@code body}; {@code secret} may be null. Never throws for what the receiver does. */
    public Outcome post(Text url, Map<String, Secret> headers, Secret secret, String body, String idempotencyKey,
                        Duration timeout) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url.reveal().strip())).timeout(timeout);
        } catch (IllegalArgumentException e) {
            return new Outcome.Dead("the URL is not valid" + (url.isSecret() ? "" : ": " + e.getMessage()));
        }
        try {
            b.header("Content-Type", "application/json").header("User-Agent", "vigil")
                    .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
            headers.forEach((name, value) -> b.setHeader(name, value.reveal()));
            if (secret != null && !secret.isEmpty()) {
                String ts = Long.toString(clock.instant().getEpochSecond());
                b.setHeader("X-Vigil-Timestamp", ts);
                b.setHeader("X-Vigil-Signature", Signature.sign(secret.reveal(), ts, bytes));
            }
        } catch (IllegalArgumentException e) {
            return new Outcome.Dead("a header is not allowed: " + e.getMessage());
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new Outcome.Retry("no response within " + io.vigil.check.Durations.format(timeout));
        } catch (ConnectException e) {
            return new Outcome.Retry("cannot connect: " + (e.getMessage() == null ? "connection refused" : e.getMessage()));
        } catch (IOException e) {
            return new Outcome.Retry("request failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Retry("interrupted while sending (engine stopping)");
        }
        return classify(r.statusCode(), snippet(r.body()), r.headers().firstValue("Retry-After").orElse(null));
    }

    Outcome classify(int status, String body, String retryAfter) {
        String what = "HTTP " + status + (body.isEmpty() ? "" : ": " + body);
        if (status / 100 == 2) return new Outcome.Delivered(what);
        if (status == 408 || status == 429 || status / 100 == 5) return new Outcome.Retry(what, retryAfter(retryAfter));
        return new Outcome.Dead(what + (status / 100 == 3 ? " (redirects are not followed; use the final URL)" : ""));
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    Duration retryAfter(String header) {
        if (header == null || header.isBlank()) return null;
        String h = header.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(h)));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }

    private static String snippet(String body) {
        if (body == null) return "";
        String s = body.replaceAll("\\s+", " ").strip();
        return s.length() <= SNIPPET ? s : s.substring(0, SNIPPET) + "…";
    }
}
