package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that operates a running engine through its HTTP API. An unreachable engine or a refused
 * request prints the reason on one line and exits 2.
 */
abstract class ApiCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin ServerOption server;

    @Spec CommandSpec spec;

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(server.client(), spec.commandLine().getOut());
        } catch (StoreConfig.Invalid | ApiClient.Failure e) {
            err.println("vigil " + spec.qualifiedName(" ").replaceFirst("^vigil ", "") + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    abstract int run(ApiClient api, PrintWriter out) throws ApiClient.Failure;

    /** The API's JSON as it came, indented, for {@code --format json}. */
    static void printJson(PrintWriter out, JsonNode node) {
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON text field, or {@code -} when it is null or missing. */
    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "-" : v.asText();
    }

    static String user() {
        String u = System.getProperty("user.name");
        return u == null || u.isBlank() ? "cli" : u;
    }
}
