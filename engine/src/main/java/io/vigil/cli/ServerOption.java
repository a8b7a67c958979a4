package io.vigil.cli;

import io.vigil.config.Config;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which running engine a command talks to: {@code --server URL}, else the port of the config's
 * {@code server:} on 127.0.0.1, else http://127.0.0.1:8080. The bearer token comes from VIGIL_API_TOKEN.
 */
public final class ServerOption {
    @Option(names = "--server", paramLabel = "URL",
            description = "The engine's API, e.g. http://localhost:8080 (default: 127.0.0.1 and server.port of the "
                    + "config). Bearer token from " + StoreOptions.TOKEN_ENV + ".")
    URI server;

    @Mixin ConfigOption config;

    /** The client, or a usage error message. */
    ApiClient client() throws StoreConfig.Invalid {
        URI base = server;
        if (base == null) {
            Path file = config.resolve();
            int port = file == null ? Config.Server.DEFAULT_PORT : StoreConfig.load(file).server().port();
            base = URI.create("http://127.0.0.1:" + port + "/");
        }
        return client(base);
    }

    /** The client of an explicit {@code --server} URL, with the token from the environment. */
    static ApiClient client(URI base) throws StoreConfig.Invalid {
        if (base.getScheme() == null || !base.getScheme().startsWith("http") || base.getHost() == null) {
            throw new StoreConfig.Invalid("--server must be an http:// or https:// URL, got " + base);
        }
        return new ApiClient(base, System.getenv(StoreOptions.TOKEN_ENV));
    }
}
