package io.vigil.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * A real HTTP server on 127.0.0.1 that records every request and answers as the test says: the
 * {@code n}-th request (from 1) gets {@code responses.apply(n)}.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    public record Request(Instant at, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
            }
            return null;
        }
    }

    /** What to answer: a status, optional headers, a body, after an optional delay. */
    public record Response(int status, Map<String, String> headers, String body, long delayMillis) {
        public static Response status(int status) { return new Response(status, Map.of(), "", 0); }
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();

    public WebhookReceiver(IntFunction<Response> responses) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int n;
            synchronized (requests) {
                requests.add(new Request(Instant.now(), exchange.getRequestURI().getPath(),
                        Map.copyOf(exchange.getRequestHeaders()), body));
                n = requests.size();
            }
            Response r = responses.apply(n);
            try {
                if (r.delayMillis() > 0) Thread.sleep(r.delayMillis());
                r.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            } catch (InterruptedException | IOException e) {
                exchange.close();
            }
        });
        server.start();
    }

    /** Always 200. */
    public static WebhookReceiver accepting() throws IOException {
        return new WebhookReceiver(n -> Response.status(200));
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
