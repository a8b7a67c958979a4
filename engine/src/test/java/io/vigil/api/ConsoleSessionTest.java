package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.notify.OutboxWorld;
import io.vigil.server.ApiServer;
import io.vigil.server.ServerSettings;
import io.vigil.server.Sessions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With tokens configured the console asks for one once, keeps an HttpOnly SameSite=Strict session, and needs the CSRF token to write. */
class ConsoleSessionTest {
    @TempDir Path dir;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tokenLoginSessionCookieAndCsrf() throws Exception {
        try (OutboxWorld w = OutboxWorld.open(dir, "model m { every 5m rule r { when x > 1 } }\n", "")) {
            Sessions sessions = new Sessions(Clock.systemUTC());
            List<String> tokens = List.of("s3cret");
            try (ApiServer api = ApiServer.start(ServerSettings.defaults().withPort(0).withTokens(tokens),
                    EngineApi.routes(w.engine, w.store, w.notifier, null, Clock.systemUTC(), sessions, tokens), sessions)) {
                URI base = api.baseUri();
                HttpResponse<String> page = send(HttpRequest.newBuilder(base.resolve("/")));
                assertThat(page.statusCode()).isEqualTo(302);
                assertThat(page.headers().firstValue("Location")).hasValue("/login");
                assertThat(send(HttpRequest.newBuilder(base.resolve("/api/v1/alerts"))).statusCode()).isEqualTo(401);

                HttpResponse<String> wrong = send(form(base, "token=nope"));
                assertThat(wrong.statusCode()).isEqualTo(401);
                assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

                HttpResponse<String> login = send(form(base, "token=s3cret"));
                assertThat(login.statusCode()).isEqualTo(302);
                String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
                assertThat(cookie).startsWith(Sessions.COOKIE + "=").containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Strict");
                String session = cookie.substring(0, cookie.indexOf(';'));

                HttpResponse<String> alerts = send(HttpRequest.newBuilder(base.resolve("/")).header("Cookie", session));
                assertThat(alerts.statusCode()).isEqualTo(200);
                Matcher csrf = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(alerts.body());
                assertThat(csrf.find()).isTrue();

                String silence = "{\"matchers\":\"model=m\",\"duration\":\"1h\",\"comment\":\"x\"}";
                HttpResponse<String> forged = send(HttpRequest.newBuilder(base.resolve("/api/v1/silences"))
                        .header("Cookie", session).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(silence)));
                assertThat(forged.statusCode()).as("a cookie alone does not write").isEqualTo(403);
                HttpResponse<String> ok = send(HttpRequest.newBuilder(base.resolve("/api/v1/silences"))
                        .header("Cookie", session).header(Sessions.CSRF_HEADER, csrf.group(1))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(silence)));
                assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
                // The CLI's way still works: a bearer token and no cookie.
                assertThat(send(HttpRequest.newBuilder(base.resolve("/api/v1/silences"))
                        .header("Authorization", "Bearer s3cret")).statusCode()).isEqualTo(200);
            }
        }
    }

    private static HttpRequest.Builder form(URI base, String body) {
        return HttpRequest.newBuilder(base.resolve("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
