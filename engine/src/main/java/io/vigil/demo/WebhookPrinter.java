package io.vigil.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A local webhook receiver on 127.0.0.1 that prints a one-line digest of everything it gets. */
public final class WebhookPrinter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicInteger received = new AtomicInteger();

    public WebhookPrinter(int port, PrintWriter out) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            synchronized (out) {
                out.println("  webhook <- " + digest(new String(body, StandardCharsets.UTF_8)));
                out.flush();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** Status and alert names of an Alertmanager-shaped payload, or the first 160 characters of anything else. */
    static String digest(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n.has("alerts")) {
                StringBuilder s = new StringBuilder(n.path("status").asText("?")).append(':');
                for (JsonNode a : n.get("alerts")) {
                    s.append(' ').append(a.path("labels").path("alertname").asText(a.path("labels").toString()))
                            .append(a.path("labels").has("season") ? "{season=" + a.path("labels").path("season").asText() + "}" : "")
                            .append(a.path("labels").has("feature") ? "{feature=" + a.path("labels").path("feature").asText() + "}" : "");
                }
                return s.toString();
            }
        } catch (IOException e) {
            // not JSON: show it raw
        }
        return body.length() > 160 ? body.substring(0, 160) + "…" : body;
    }

    public int received() { return received.get(); }

    @Override
    public void close() { server.stop(0); }
}
