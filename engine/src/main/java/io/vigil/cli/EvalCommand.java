package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.ExpressionQuery;
import io.vigil.api.QueryRoutes;
import io.vigil.ast.DiagnosticPrinter;
import io.vigil.check.CheckResult;
import io.vigil.check.ResolvedRule;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.FixedRules;
import io.vigil.compile.RuleCompiler;
import io.vigil.runtime.StoreOperands;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreSettings;
import io.vigil.template.NumberText;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vigil eval}: one evaluation of every rule at a time T against the store, with the operands behind each value. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate every rule once at --at against the store and print each alert instance, its value",
                "and the operand values that produced it. Nothing is stored or sent; 'state' is what a rule with no",
                "history would be in after this one evaluation (firing, or pending when it has a 'for').",
                "With --all every element of the compared side is printed, 'inactive' where the condition does not hold.",
                "With --server the running engine evaluates its loaded rules (no store file is opened, so this works",
                "while `vigil run` holds the H2 file).",
                "Exit 0 when every rule evaluated, 1 when a rule failed or the rules have errors, 2 on bad usage."})
public final class EvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Rule files or directories (default: the config's rules).")
    List<Path> paths;

    @Option(names = "--at", required = true, paramLabel = "TIME", description = "Evaluation time, ISO-8601 (2026-11-26T10:00:00Z).")
    String at;

    @Option(names = "--store", paramLabel = "JDBC_URL", description = "Store to read (default: the config's, else ./data/vigil).")
    String store;

    @Option(names = "--server", paramLabel = "URL",
            description = "Ask a running engine (e.g. http://127.0.0.1:8080) to evaluate its loaded rules instead of "
                    + "opening the store. Bearer token from " + StoreOptions.TOKEN_ENV + ".")
    URI server;

    @Option(names = "--all", description = "Print every element, not only those for which the condition holds.")
    boolean all;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin ConfigOption config;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant t;
        try {
            t = Instant.parse(at);
        } catch (DateTimeParseException e) {
            err.println("vigil eval: --at must be an ISO-8601 UTC time such as 2026-11-26T10:00:00Z, got '" + at + "'");
            return ExitCodes.USAGE;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        int rules;
        if (server != null) {
            try {
                rules = remote(ServerOption.client(server), t, rows);
            } catch (StoreConfig.Invalid | ApiClient.Failure e) {
                err.println("vigil eval: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        } else {
            FixedRules.preload(); // overlaps the rest of start-up
            RuleSetLoad load = RuleSetLoad.of(paths, config, err);
            if (load == null) return ExitCodes.USAGE;
            CheckResult check = load.result();
            if (check.hasErrors()) {
                err.print(DiagnosticPrinter.render(io.vigil.check.WarningSummary.of(check.diagnostics())));
                err.flush();
                return ExitCodes.FAILED;
            }
            StoreSettings settings = store != null ? StoreSettings.of(store)
                    .withCredentials(System.getenv("VIGIL_DB_USER"), System.getenv("VIGIL_DB_PASSWORD"))
                    : load.config() != null ? StoreConfig.store(load.config()) : StoreSettings.of(StoreSettings.DEFAULT_URL);
            ExpressionQuery query = new ExpressionQuery(new RuleCompiler(CompileOptions.defaults()),
                    load.config() == null ? null : load.config().references());
            rules = check.rules().size();
            try (JdbcMetricStore s = JdbcMetricStore.open(settings)) {
                StoreOperands operands = new StoreOperands(s, load.config());
                for (ResolvedRule r : check.rules()) {
                    try {
                        ExpressionQuery.Compiled q = query.compile(r);
                        JsonNode result = JSON.valueToTree(QueryRoutes.instantJson(q, query.evaluate(q, operands, t)));
                        addRows(rows, r.model(), r.name(), !r.forDuration().isZero(), result, t);
                    } catch (ExpressionQuery.Invalid e) {
                        rows.add(errorRow(r.model(), r.name(), e.getMessage(), t));
                    }
                }
            }
        }
        boolean failed = rows.stream().anyMatch(r -> "error".equals(r.get("state")));
        if (!all) rows.removeIf(r -> "inactive".equals(r.get("state")));
        if (format == OutputFormat.json) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        } else {
            printText(out, rows, rules, all);
        }
        out.flush();
        return failed ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** Every loaded rule of the engine, each evaluated by {@code /api/v1/query?rule=}; returns the number of rules. */
    private static int remote(ApiClient api, Instant t, List<Map<String, Object>> rows) throws ApiClient.Failure {
        JsonNode loaded = api.get("/api/v1/rules");
        for (JsonNode r : loaded) {
            String id = r.get("id").asText();
            JsonNode result = api.get("/api/v1/query?rule=" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "&at=" + t);
            addRows(rows, r.get("model").asText(), r.get("rule").asText(), !"0s".equals(r.path("for").asText("0s")),
                    result, t);
        }
        return loaded.size();
    }

    /** The rows of one rule's query result: one per element, or one error row when the evaluation failed. */
    private static void addRows(List<Map<String, Object>> rows, String model, String rule, boolean hasFor, JsonNode result,
                                Instant t) {
        if (!result.path("errors").isEmpty()) {
            List<String> errors = new ArrayList<>();
            result.get("errors").forEach(e -> errors.add(e.asText()));
            rows.add(errorRow(model, rule, String.join("; ", errors), t));
            return;
        }
        for (JsonNode e : result.path("result")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model);
            m.put("rule", rule);
            if (e.has("side")) m.put("side", e.get("side").asText());
            m.put("labels", e.get("labels"));
            m.put("value", e.get("value").isNull() ? null : e.get("value").asDouble());
            boolean holds = e.get("holds").asBoolean();
            m.put("state", !holds ? "inactive" : hasFor ? "pending" : "firing");
            m.put("at", t.toString());
            m.put("explanation", e.get("explanation"));
            rows.add(m);
        }
    }

    private static Map<String, Object> errorRow(String model, String rule, String error, Instant t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("rule", rule);
        m.put("labels", Map.of());
        m.put("value", null);
        m.put("state", "error");
        m.put("at", t.toString());
        m.put("error", error);
        return m;
    }

    private static void printText(PrintWriter out, List<Map<String, Object>> rows, int rules, boolean all) {
        long errors = rows.stream().filter(r -> "error".equals(r.get("state"))).count();
        long elements = rows.size() - errors;
        long instances = rows.stream().filter(r -> "firing".equals(r.get("state")) || "pending".equals(r.get("state"))).count();
        for (Map<String, Object> r : rows) {
            String id = r.get("model") + "/" + r.get("rule");
            if ("error".equals(r.get("state"))) {
                out.printf("%s  ERROR  %s%n", id, r.get("error"));
                continue;
            }
            String side = r.containsKey("side") ? " (" + r.get("side") + ")" : "";
            Double value = (Double) r.get("value");
            out.printf("%s%s%s  %s  %s%n", id, side, QueryCommand.labels((JsonNode) r.get("labels")),
                    value == null ? "NaN" : NumberText.format(value), r.get("state"));
            JsonNode why = (JsonNode) r.get("explanation");
            if (why == null || why.isNull() || "inactive".equals(r.get("state"))) continue;
            out.printf("    when %s%n", why.path("condition").asText());
            for (JsonNode d : why.path("operands")) {
                String note = d.path("note").asText("");
                out.printf("    %s%s = %s%s%n", d.path("operand").asText(), QueryCommand.labels(d.path("labels")),
                        d.path("value").isNumber() ? NumberText.format(d.get("value").asDouble()) : "NaN",
                        note.isEmpty() ? "" : "   (" + note + ")");
            }
        }
        out.printf("%d rule%s evaluated: %d instance%s%s, %d error%s%n", rules, rules == 1 ? "" : "s",
                instances, instances == 1 ? "" : "s", all ? " (" + elements + " element" + (elements == 1 ? "" : "s") + ")" : "",
                errors, errors == 1 ? "" : "s");
    }

}
