package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.notify.Silence;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil silence add|list|delete}: one-off silences of a running engine. */
@Command(name = "silence", mixinStandardHelpOptions = true,
        description = "Mute matching alerts for a while: their notifications and action runs are recorded as "
                + "suppressed instead of sent. Recurring windows belong in vigil.yaml (silences:).",
        subcommands = {SilenceCommand.Add.class, SilenceCommand.ListSilences.class, SilenceCommand.Delete.class})
public final class SilenceCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say add, list or delete");
    }

    /** {@code vigil silence add --match 'model=churn,segment=EU' --for 4h --comment ...}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a silence. Matchers: label=value, label!=value, label=~regex, label!~regex; "
                    + "they see the alert's labels plus model, rule and severity.")
    static final class Add extends ApiCommand {
        @Option(names = "--match", required = true, paramLabel = "MATCHERS",
                description = "Comma-separated matchers, e.g. 'model=churn,segment=EU'; may be repeated.")
        List<String> match;

        @Option(names = "--for", paramLabel = "DURATION", description = "How long, e.g. 30m, 4h, 2d.")
        String duration;

        @Option(names = "--until", paramLabel = "TIME", description = "Or until this ISO-8601 time.")
        String until;

        @Option(names = "--start", paramLabel = "TIME", description = "Start later than now (ISO-8601).")
        String start;

        @Option(names = "--comment", required = true, paramLabel = "TEXT", description = "Why (required).")
        String comment;

        @Option(names = "--by", paramLabel = "NAME", description = "Who (default: the current user name).")
        String by;

        @Override
        int run(ApiClient api, PrintWriter out) throws ApiClient.Failure {
            List<String> matchers = new ArrayList<>();
            for (String m : match) matchers.addAll(Silence.split(m));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("matchers", matchers);
            if (duration != null) body.put("duration", duration);
            if (until != null) body.put("ends_at", until);
            if (start != null) body.put("starts_at", start);
            body.put("comment", comment);
            body.put("created_by", by == null ? user() : by);
            JsonNode s = api.post("/api/v1/silences", body);
            out.printf("silence %s: %s from %s until %s%n", text(s, "id"), matchers(s), text(s, "starts_at"),
                    text(s, "ends_at"));
            return ExitCodes.OK;
        }
    }

    /** {@code vigil silence list [--state active]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List silences, newest first.")
    static final class ListSilences extends ApiCommand {
        @Option(names = "--state", paramLabel = "STATE", description = "active, pending or expired (default: all).")
        String state;

        @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
                description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        OutputFormat format;

        @Override
        int run(ApiClient api, PrintWriter out) throws ApiClient.Failure {
            JsonNode list = api.get("/api/v1/silences" + (state == null ? "" : "?state="
                    + java.net.URLEncoder.encode(state, java.nio.charset.StandardCharsets.UTF_8)));
            if (format == OutputFormat.json) {
                printJson(out, list);
                return ExitCodes.OK;
            }
            if (list.isEmpty()) out.println("no silences");
            for (JsonNode s : list) {
                out.printf("%s  %-8s %s  until %s  by %s: %s%n", text(s, "id"), text(s, "state"), matchers(s),
                        text(s, "ends_at"), text(s, "created_by"), text(s, "comment"));
            }
            return ExitCodes.OK;
        }
    }

    /** {@code vigil silence delete <id>}: ends a silence now. */
    @Command(name = "delete", aliases = "expire", mixinStandardHelpOptions = true,
            description = "End a silence now; it stays listed as expired.")
    static final class Delete extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The silence's id (vigil silence list).")
        long id;

        @Override
        int run(ApiClient api, PrintWriter out) throws ApiClient.Failure {
            JsonNode s = api.delete("/api/v1/silences/" + id + "?by="
                    + java.net.URLEncoder.encode(user(), java.nio.charset.StandardCharsets.UTF_8));
            out.printf("silence %s ended at %s%n", text(s, "id"), text(s, "ends_at"));
            return ExitCodes.OK;
        }
    }

    private static String matchers(JsonNode s) {
        List<String> out = new ArrayList<>();
        s.path("matchers").forEach(m -> out.add(m.asText()));
        return String.join(", ", out);
    }
}
