package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil approvals [--state waiting]}: action runs that need, or had, a person's decision. */
@Command(name = "approvals", mixinStandardHelpOptions = true,
        description = "List action runs waiting for approval (or in --state), with their ids for vigil approve/reject.",
        footer = {"", "Exit status: 0 listed, 2 the engine cannot be reached or refused the request."})
public final class ApprovalsCommand extends ApiCommand {
    @Option(names = "--state", defaultValue = "waiting", paramLabel = "STATE",
            description = "waiting, approved, rejected or expired (default: ${DEFAULT-VALUE}).")
    String state;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    int run(ApiClient api, PrintWriter out) throws ApiClient.Failure {
        JsonNode list = api.get("/api/v1/approvals?state=" + java.net.URLEncoder.encode(state,
                java.nio.charset.StandardCharsets.UTF_8));
        if (format == OutputFormat.json) {
            printJson(out, list);
            return ExitCodes.OK;
        }
        if (list.isEmpty()) {
            out.println("no " + state + " approvals");
            return ExitCodes.OK;
        }
        out.printf("%-6s %-9s %-20s %-30s %-20s %s%n", "ID", "STATE", "ACTION", "MODEL/RULE", "EXPIRES", "DECIDED BY");
        for (JsonNode a : list) {
            out.printf("%-6s %-9s %-20s %-30s %-20s %s%n", text(a, "id"), text(a, "state"), text(a, "action"),
                    text(a, "model") + "/" + text(a, "rule"), text(a, "expires_at"), text(a, "decided_by"));
        }
        return ExitCodes.OK;
    }
}
