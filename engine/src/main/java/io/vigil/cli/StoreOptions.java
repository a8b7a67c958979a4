package io.vigil.cli;

import io.vigil.store.StoreSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where {@code ingest} and {@code baseline} send data: a running server ({@code --server}), a store
 * URL ({@code --store}), the store of a config file ({@code --config}, or ./vigil.yaml when present),
 * or else the embedded default {@code jdbc:h2:file:./data/vigil}.
 */
public final class StoreOptions {
    /** Environment variable holding the bearer token for {@code --server}. */
    static final String TOKEN_ENV = "VIGIL_API_TOKEN";

    @Option(names = "--store", paramLabel = "JDBC_URL",
            description = "Write straight into this store (jdbc:h2:file:... or jdbc:postgresql://...)."
                    + " Credentials: VIGIL_DB_USER and VIGIL_DB_PASSWORD.")
    String store;

    @Option(names = "--server", paramLabel = "URL",
            description = "Send to a running engine's HTTP API (e.g. http://localhost:8080); bearer token from "
                    + TOKEN_ENV + ".")
    URI server;

    /** Where to send: exactly one of {@code store} and {@code server} is set. */
    record Target(StoreSettings store, URI server, String token) {}

    /** Resolves the target; prints why and returns null when the options do not make sense. */
    Target resolve(ConfigOption config, PrintWriter err, String command) {
        if (store != null && server != null) {
            err.println("vigil " + command + ": give --store or --server, not both");
            return null;
        }
        if (server != null) {
            if (server.getScheme() == null || !server.getScheme().startsWith("http") || server.getHost() == null) {
                err.println("vigil " + command + ": --server must be an http:// or https:// URL, got " + server);
                return null;
            }
            try {
                URI base = new URI(server.getScheme(), null, server.getHost(), server.getPort(), "/", null, null);
                return new Target(null, base, System.getenv(TOKEN_ENV));
            } catch (URISyntaxException e) {
                err.println("vigil " + command + ": bad --server URL: " + e.getMessage());
                return null;
            }
        }
        if (store != null) {
            return new Target(StoreSettings.of(store).withCredentials(System.getenv("VIGIL_DB_USER"),
                    System.getenv("VIGIL_DB_PASSWORD")), null, null);
        }
        Path file = config == null ? null : config.resolve();
        if (file == null) return new Target(StoreSettings.of(StoreSettings.DEFAULT_URL), null, null);
        try {
            return new Target(StoreConfig.read(file), null, null);
        } catch (StoreConfig.Invalid e) {
            err.println("vigil " + command + ": " + e.getMessage());
            return null;
        }
    }
}
