package io.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vigil.ast.DiagnosticPrinter;
import io.vigil.check.CheckResult;
import io.vigil.compile.CompileOptions;
import io.vigil.compile.CompiledGroup;
import io.vigil.compile.CompiledRuleSet;
import io.vigil.compile.FixedRules;
import io.vigil.compile.RuleCompiler;
import io.vigil.runtime.AlertBook;
import io.vigil.runtime.AlertTracker;
import io.vigil.runtime.Evaluator;
import io.vigil.runtime.Explanation;
import io.vigil.runtime.StoreOperands;
import io.vigil.store.JdbcMetricStore;
import io.vigil.store.StoreSettings;
import io.vigil.template.NumberText;
import java.io.PrintWriter;
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
                "Exit 0 when every rule evaluated, 1 when a rule failed or the rules have errors, 2 on bad usage."})
public final class EvalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Rule files or directories (default: the config's rules).")
    List<Path> paths;

    @Option(names = "--at", required = true, paramLabel = "TIME", description = "Evaluation time, ISO-8601 (2026-11-26T10:00:00Z).")
    String at;

    @Option(names = "--store", paramLabel = "JDBC_URL", description = "Store to read (default: the config's, else ./data/vigil).")
    String store;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin ConfigOption config;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FixedRules.preload(); // overlaps the rest of start-up
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant t;
        try {
            t = Instant.parse(at);
        } catch (DateTimeParseException e) {
            err.println("vigil eval: --at must be an ISO-8601 UTC time such as 2026-11-26T10:00:00Z, got '" + at + "'");
            return ExitCodes.USAGE;
        }
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
        CompiledRuleSet compiled = new RuleCompiler(CompileOptions.defaults()).compile(check.rules());
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean failed = false;
        try (JdbcMetricStore s = JdbcMetricStore.open(settings)) {
            Evaluator evaluator = new Evaluator(new StoreOperands(s, load.config()));
            AlertBook book = new AlertBook();
            for (CompiledGroup g : compiled.groups()) {
                Evaluator.GroupResult result = evaluator.evaluate(g, t);
                for (AlertBook.RuleFold f : book.apply(result)) {
                    if (f.result().failed()) {
                        failed = true;
                        rows.add(errorRow(f, t));
                        continue;
                    }
                    for (AlertTracker.InstanceStep step : f.fold().steps()) {
                        rows.add(instanceRow(f, step, t));
                    }
                }
            }
        }
        if (format == OutputFormat.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
        } else {
            printText(out, rows, compiled);
        }
        out.flush();
        return failed ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static Map<String, Object> instanceRow(AlertBook.RuleFold f, AlertTracker.InstanceStep step, Instant t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", f.plan().rule().model());
        m.put("rule", f.plan().rule().name());
        m.put("labels", step.labels());
        m.put("value", step.step().state().value());
        m.put("state", step.step().state().status().label());
        m.put("at", t.toString());
        m.put("explanation", f.explanations().get(step.labels()));
        return m;
    }

    private static Map<String, Object> errorRow(AlertBook.RuleFold f, Instant t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", f.plan().rule().model());
        m.put("rule", f.plan().rule().name());
        m.put("labels", Map.of());
        m.put("value", null);
        m.put("state", "error");
        m.put("at", t.toString());
        m.put("error", String.join("; ", f.result().errors()));
        return m;
    }

    private static void printText(PrintWriter out, List<Map<String, Object>> rows, CompiledRuleSet compiled) {
        int rules = compiled.groups().stream().mapToInt(g -> g.rules().size()).sum();
        long instances = rows.stream().filter(r -> !"error".equals(r.get("state"))).count();
        long errors = rows.size() - instances;
        for (Map<String, Object> r : rows) {
            String id = r.get("model") + "/" + r.get("rule");
            if ("error".equals(r.get("state"))) {
                out.printf("%s  ERROR  %s%n", id, r.get("error"));
                continue;
            }
            out.printf("%s%s  %s  %s%n", id, labels(r.get("labels")), NumberText.format((Double) r.get("value")),
                    r.get("state"));
            Explanation why = (Explanation) r.get("explanation");
            if (why == null) continue;
            out.printf("    when %s%n", why.condition());
            for (Explanation.OperandDetail d : why.operands()) {
                out.printf("    %s%s = %s%s%n", d.operand(), labels(d.labels()), NumberText.format(d.value()),
                        d.note().isEmpty() ? "" : "   (" + d.note() + ")");
            }
        }
        out.printf("%d rule%s evaluated: %d instance%s, %d error%s%n", rules, rules == 1 ? "" : "s",
                instances, instances == 1 ? "" : "s", errors, errors == 1 ? "" : "s");
    }

    @SuppressWarnings("unchecked")
    private static String labels(Object labels) {
        Map<String, String> m = (Map<String, String>) labels;
        if (m.isEmpty()) return "";
        StringBuilder s = new StringBuilder("{");
        m.forEach((k, v) -> s.append(s.length() > 1 ? ", " : "").append(k).append("=\"").append(v).append('"'));
        return s.append('}').toString();
    }
}
