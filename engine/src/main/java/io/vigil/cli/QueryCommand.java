package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.template.NumberText;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil query EXPR --model M}: an expression evaluated by a running engine, every element with its value. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Evaluate a rule expression on a running engine (GET /api/v1/query, or /api/v1/query_range",
                "with --from, --to and --step) and print every element of the compared side with its value and",
                "whether the whole condition holds. Nothing is stored or sent."},
        footer = {"", "Examples:",
                "  vigil query 'psi(feature=*, window=1d) > 0.2' --model churn",
                "  vigil query 'accuracy' --model churn --from 2026-11-01T00:00:00Z --to 2026-11-08T00:00:00Z --step 1h",
                "", "Exit status: 0 evaluated, 1 the expression has errors or its evaluation failed,",
                "2 the engine cannot be reached or refused the request."})
public final class QueryCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "EXPR", description = "A rule expression (language.md §3).")
    String expr;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Model whose series the selectors see.")
    String model;

    @Option(names = "--at", paramLabel = "TIME", description = "Evaluation time, RFC 3339 or Unix seconds (default: now).")
    String at;

    @Option(names = "--from", paramLabel = "TIME", description = "Range query: first evaluation time.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Range query: last evaluation time.")
    String to;

    @Option(names = "--step", paramLabel = "DURATION", description = "Range query: step between evaluations (5m, 1h).")
    String step;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    int run(ApiClient api, PrintWriter out) throws ApiClient.Failure {
        boolean range = from != null || to != null || step != null;
        StringBuilder q = new StringBuilder(range ? "/api/v1/query_range" : "/api/v1/query");
        q.append("?expr=").append(enc(expr)).append("&model=").append(enc(model));
        if (range) {
            q.append("&from=").append(enc(nonNull(from))).append("&to=").append(enc(nonNull(to)))
                    .append("&step=").append(enc(nonNull(step)));
        } else if (at != null) {
            q.append("&at=").append(enc(at));
        }
        JsonNode result;
        try {
            result = api.get(q.toString());
        } catch (ApiClient.Failure e) {
            JsonNode diagnostics = e.body() == null ? null : e.body().get("diagnostics");
            if (diagnostics == null) throw e;
            PrintWriter err = spec.commandLine().getErr();
            diagnostics.forEach(d -> err.print(d.path("text").asText()));
            err.flush();
            return ExitCodes.FAILED;
        }
        if (format == OutputFormat.json) {
            printJson(out, result);
        } else if (range) {
            printRange(out, result);
        } else {
            printInstant(out, result);
        }
        for (JsonNode e : result.path("errors")) {
            spec.commandLine().getErr().println("vigil query: " + (e.isTextual() ? e.asText() : e.toString()));
        }
        spec.commandLine().getErr().flush();
        return result.path("errors").isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static String nonNull(String s) { return s == null ? "" : s; }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    private static void printInstant(PrintWriter out, JsonNode r) {
        out.printf("%s at %s%s%n", r.path("compared").asText(), r.path("at").asText(),
                r.path("threshold").isNumber() ? ", threshold " + NumberText.format(r.get("threshold").asDouble()) : "");
        for (JsonNode e : r.path("result")) {
            out.printf("  %s%s  %s%s%n", e.has("side") ? e.get("side").asText() + " " : "", labels(e.get("labels")),
                    value(e.get("value")), e.path("holds").asBoolean() ? "  holds" : "");
        }
        out.printf("%d element%s%n", r.path("result").size(), r.path("result").size() == 1 ? "" : "s");
    }

    private static void printRange(PrintWriter out, JsonNode r) {
        out.printf("%s from %s to %s every %s%n", r.path("compared").asText(), r.path("from").asText(),
                r.path("to").asText(), r.path("step").asText());
        for (JsonNode s : r.path("result")) {
            out.printf("  %s%s%n", s.has("side") ? s.get("side").asText() + " " : "", labels(s.get("labels")));
            for (JsonNode v : s.path("values")) {
                out.printf("    %s  %s%s%n", v.get(0).asText(), value(v.get(1)), v.get(2).asBoolean() ? "  holds" : "");
            }
        }
    }

    private static String value(JsonNode v) {
        return v == null || !v.isNumber() ? "NaN" : NumberText.format(v.asDouble());
    }

    /** {@code {k="v", ...}}, or nothing for no labels. */
    static String labels(JsonNode labels) {
        if (labels == null || labels.isEmpty()) return "";
        StringBuilder s = new StringBuilder("{");
        for (Map.Entry<String, JsonNode> e : labels.properties()) {
            s.append(s.length() > 1 ? ", " : "").append(e.getKey()).append("=\"").append(e.getValue().asText()).append('"');
        }
        return s.append('}').toString();
    }
}
