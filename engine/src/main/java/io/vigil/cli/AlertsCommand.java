package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil alerts [--state firing]}: the alert instances of a running engine. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "List the alerts of a running engine (pending and firing, or those in --state).",
        footer = {"", "Exit status: 0 listed, 2 the engine cannot be reached or refused the request."})
public final class AlertsCommand extends ApiCommand {

    @Option(names = "--state", paramLabel = "STATE", description = "pending, firing or inactive.")
    String state;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    int run(ApiClient api, PrintWriter out) throws ApiClient.Failure {
        String query = state == null ? "" : "?state=" + URLEncoder.encode(state, StandardCharsets.UTF_8);
        JsonNode alerts = api.get("/api/v1/alerts" + query);
        if (format == OutputFormat.json) {
            printJson(out, alerts);
            return ExitCodes.OK;
        }
        if (alerts.isEmpty()) {
            out.println(state == null ? "no pending or firing alerts" : "no " + state + " alerts");
            return ExitCodes.OK;
        }
        out.printf("%-6s %-8s %-20s %-30s %-12s %s%n", "ID", "STATE", "SINCE", "MODEL/RULE", "VALUE", "LABELS");
        for (JsonNode a : alerts) {
            out.printf("%-6s %-8s %-20s %-30s %-12s %s%n", text(a, "id"), text(a, "state"), text(a, "since"),
                    text(a, "model") + "/" + text(a, "rule"), text(a, "value"), labels(a.path("labels")));
        }
        return ExitCodes.OK;
    }

    private static String labels(JsonNode labels) {
        StringBuilder out = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (out.length() > 0) out.append(", ");
            out.append(e.getKey()).append('=').append(e.getValue().asText());
        }
        return out.toString();
    }
}
