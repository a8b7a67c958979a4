package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil approve <id>} and {@code vigil reject <id>}: a person's decision on a waiting action run. */
abstract class DecisionCommand extends ApiCommand {
    @Parameters(paramLabel = "ID", description = "The approval's id (vigil approvals, GET /api/v1/approvals).")
    long id;

    @Option(names = "--by", paramLabel = "NAME", description = "Who decides (default: the current user name).")
    String by;

    /** {@code approve} or {@code reject}. */
    abstract String decision();

    @Override
    int run(ApiClient api, PrintWriter out) throws ApiClient.Failure {
        JsonNode r = api.post("/api/v1/approvals/" + id, Map.of("decision", decision(), "by", by == null ? user() : by));
        out.printf("approval %s: action %s for %s/%s %s by %s at %s%n", text(r, "id"), text(r, "action"),
                text(r, "model"), text(r, "rule"), text(r, "state"), text(r, "decided_by"), text(r, "decided_at"));
        return ExitCodes.OK;
    }
}
