package io.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vigil.ast.DiagnosticPrinter;
import io.vigil.check.Durations;
import io.vigil.testing.RuleTestRunner;
import io.vigil.testing.TestFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints results as a test runner does: failures in full, then one line of counts. */
final class TestOutput {
    private final PrintWriter out;
    private final boolean json;
    private final boolean github;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private long passed;
    private long failed;

    TestOutput(PrintWriter out, CheckFormat format) {
        this.out = out;
        this.json = format == CheckFormat.json;
        this.github = format == CheckFormat.github;
    }

    /** A test file that cannot be read or run: with --format github, its problems as annotations. */
    void malformed(List<io.vigil.ast.Diagnostic> diagnostics) {
        if (github) diagnostics.forEach(d -> out.println(WorkflowCommands.of(d)));
    }

    long failed() { return failed; }

    void file(RuleTestRunner.FileResult r) {
        passed += r.passed();
        failed += r.failed();
        String name = r.file().path().toString();
        if (!r.diagnostics().isEmpty() || r.error() != null) {
            String why = r.error() != null ? r.error() : DiagnosticPrinter.render(r.diagnostics()).stripTrailing();
            if (json) {
                for (TestFile.TestCase t : r.file().tests()) rows.add(row(name, t, List.of(why)));
            } else {
                if (github) {
                    r.diagnostics().forEach(d -> out.println(WorkflowCommands.of(d)));
                    if (r.error() != null) out.println(WorkflowCommands.command("error", name, 1, 0, 0, 0, "vigil test", why));
                }
                out.printf("FAIL %s: its %d test%s cannot run:%n%s%n", name, r.file().tests().size(),
                        r.file().tests().size() == 1 ? "" : "s", indent(why));
            }
            return;
        }
        for (RuleTestRunner.CaseResult c : r.cases()) {
            if (json) {
                rows.add(row(name, c.test(), c.problems()));
            } else if (!c.passed()) {
                if (github) {
                    out.println(WorkflowCommands.command("error", name, c.test().span().line(), c.test().span().column(), 0, 0,
                            "vigil test", "at " + Durations.format(c.test().at()) + " (" + r.file().start().plus(c.test().at())
                                    + "): " + String.join("\n", c.problems())));
                }
                out.printf("FAIL %s:%d: at %s (%s)%n", name, c.test().span().line(), Durations.format(c.test().at()),
                        r.file().start().plus(c.test().at()));
                c.problems().forEach(p -> out.println("    " + p));
            }
        }
        if (!json && r.failed() == 0) out.printf("ok   %s (%d test%s)%n", name, r.passed(), r.passed() == 1 ? "" : "s");
    }

    private static Map<String, Object> row(String file, TestFile.TestCase t, List<String> problems) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("line", t.span().line());
        m.put("at", Durations.format(t.at()));
        m.put("passed", problems.isEmpty());
        m.put("problems", problems);
        return m;
    }

    private static String indent(String text) {
        return "    " + text.replace("\n", "\n    ");
    }

    void finish() {
        if (json) {
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        out.printf("%d passed, %d failed%n", passed, failed);
    }
}
