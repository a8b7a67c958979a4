package io.vigil.cli;

import io.vigil.ast.DiagnosticPrinter;
import io.vigil.config.Config;
import io.vigil.config.ConfigLoader;
import io.vigil.config.ConfigResult;
import io.vigil.server.ServerSettings;
import io.vigil.store.StoreSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Turns a loaded vigil.yaml into the settings of the store and the HTTP API. */
final class StoreConfig {

    /** The config file cannot be used; the message holds its located diagnostics. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        Invalid(String message) { super(message); }
    }

    private StoreConfig() {}

    /** Loads and validates a config file; errors become one message with every diagnostic. */
    static Config load(Path file) throws Invalid {
        return load(file, null);
    }

    /** As {@link #load(Path)}, printing the config's warnings to {@code warnings} (when not null). */
    static Config load(Path file, PrintWriter warnings) throws Invalid {
        ConfigResult result;
        try {
            result = ConfigLoader.fromProcessEnvironment().load(file);
        } catch (IOException e) {
            throw new Invalid(file + ": cannot read: " + e.getMessage());
        }
        if (!result.ok()) throw new Invalid("config has errors:\n" + DiagnosticPrinter.render(result.diagnostics()));
        if (warnings != null && !result.diagnostics().isEmpty()) {
            warnings.print(DiagnosticPrinter.render(result.diagnostics()));
            warnings.flush();
        }
        return result.config();
    }

    static StoreSettings read(Path file) throws Invalid {
        return store(load(file));
    }

    static StoreSettings store(Config config) {
        Config.Store s = config.store();
        return StoreSettings.of(s.url().reveal())
                .withCredentials(s.user().reveal(), s.password().reveal())
                .withRetention(s.retention());
    }

    static ServerSettings server(Config config) {
        Config.Server s = config.server();
        return ServerSettings.defaults()
                .withPort(s.port())
                .withTokens(s.tokens().stream().map(t -> t.reveal()).toList())
                .withMaxBody(s.maxBodyBytes());
    }
}
