package io.vigil.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.vigil.ast.Diagnostic;
import io.vigil.ast.DiagnosticPrinter;
import io.vigil.ast.Source;
import io.vigil.ast.Span;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Feeds thousands of mutated and random inputs to the parser and checker and asserts that only clean
 * diagnostics come out: no exception, no hang, every diagnostic inside its file and printable on one line.
 * Seeded, so a failure reproduces; the failing input is printed.
 */
class FrontEndFuzzTest {
    private static final long SEED = 20_261_126L;
    private static final int MUTANTS = 4000;
    private static final References REFS = new References(Set.of("ml_oncall", "slack"), Set.of("retrain"),
            Map.of("churn", "training"));
    private static final String[] PIECES = {"{", "}", "(", ")", "\"", "\\", "#", ",", ":", "=", "=~", "!~", "!=",
            "<", ">=", "*", "%", "-", "+", "/", ".", "\n", "\r\n", "\r", "\t", " ", "0", "9", "1e999", "5m", "0s",
            "1h30m", "x", "é", "😀", "\u0000", "\u001b", "\uFEFF", "\u202E", "\uD800", "model", "rule", "when", "every",
            "cron", "for", "not", "and", "between", "on(", "by (", "psi(feature=*)", "prior(7d)", "feature=",
            "\"0 0 2 * * ?\"", "\"(\"", "{{", "}}", "notify", "trigger", "labels {"};

    @Test
    void parserAndCheckerOnlyEverReportDiagnostics() throws IOException {
        List<String> seeds = seeds();
        Random random = new Random(SEED);
        List<String> inputs = new ArrayList<>(specialInputs());
        for (int i = 0; i < MUTANTS; i++) {
            inputs.add(mutate(seeds.get(random.nextInt(seeds.size())), random));
        }
        for (int i = 0; i < 300; i++) inputs.add(randomText(random));
        assertThat(inputs.size()).isGreaterThan(4000);

        List<String> failures = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < inputs.size() && failures.size() < 5; i++) {
                String problem = problemWith(inputs.get(i), i % 2 == 0 ? REFS : null);
                if (problem != null) failures.add("input #" + i + ": " + problem + "\n--- input (Java-escaped) ---\n"
                        + escape(inputs.get(i)));
            }
        });
        assertThat(failures).as("inputs that produced something other than clean diagnostics").isEmpty();
    }

    /** Null when the input produced only well-formed diagnostics, else what went wrong. */
    private static String problemWith(String text, References refs) {
        Source source = new Source("fuzz.vigil", text);
        CheckResult result;
        String rendered;
        try {
            result = Checker.check(List.of(source), refs);
            rendered = DiagnosticPrinter.render(result.diagnostics());
        } catch (Throwable t) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            return "threw " + trace.toString().lines().limit(12).reduce((a, b) -> a + "\n" + b).orElse("");
        }
        int lines = text.split("\n", -1).length;
        for (Diagnostic d : result.diagnostics()) {
            for (Span s : d.noteSpan() == null ? List.of(d.span()) : List.of(d.span(), d.noteSpan())) {
                if (s.start() < 0 || s.end() > source.length() || s.start() > s.end()) return "span outside file: " + d;
                if (s.line() < 1 || s.line() > lines || s.column() < 1) return "bad line:col: " + d;
            }
            if (d.message() == null || d.message().isBlank()) return "empty message: " + d;
        }
        if (result.hasErrors() && !result.rules().isEmpty()) return "rules despite errors";
        long located = rendered.lines().filter(l -> l.startsWith("fuzz.vigil:")).count();
        long expected = result.diagnostics().stream().mapToLong(d -> d.noteSpan() == null ? 1 : 2).sum();
        if (located != expected) return "rendered " + located + " located lines for " + expected + " diagnostics";
        if (rendered.codePoints().anyMatch(cp -> cp != '\n' && cp != '\t' && Character.isISOControl(cp))) {
            return "control character in printed diagnostics";
        }
        return null;
    }

    /** Valid and nearly valid files: the parse and check goldens, the corpus and the spec examples. */
    private static List<String> seeds() throws IOException {
        List<String> out = new ArrayList<>();
        for (Path dir : List.of(GoldenFiles.RESOURCES.resolve("golden"), GoldenFiles.RESOURCES.resolve("invalid"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".vigil")).sorted().toList()) {
                    out.add(Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(out).hasSizeGreaterThan(50);
        return out;
    }

    private static String mutate(String seed, Random r) {
        StringBuilder s = new StringBuilder(seed);
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int len = s.length();
            int at = len == 0 ? 0 : r.nextInt(len);
            int span = Math.min(len - at, 1 + r.nextInt(12));
            switch (r.nextInt(7)) {
                case 0 -> s.delete(at, at + span);
                case 1 -> s.insert(at, s.substring(at, at + span));
                case 2 -> s.insert(at, PIECES[r.nextInt(PIECES.length)]);
                case 3 -> {
                    int other = len == 0 ? 0 : r.nextInt(len);
                    int otherSpan = Math.min(len - other, span);
                    if (other >= at + span || other + otherSpan <= at) {
                        String a = s.substring(at, at + span);
                        String b = s.substring(other, other + otherSpan);
                        if (other > at) {
                            s.replace(other, other + otherSpan, a).replace(at, at + span, b);
                        } else {
                            s.replace(at, at + span, b).replace(other, other + otherSpan, a);
                        }
                    }
                }
                case 4 -> { if (len > 0) s.setCharAt(at, (char) (32 + r.nextInt(95))); }
                case 5 -> s.setLength(at);
                default -> {
                    String crlf = s.toString().replace("\r\n", "\n").replace("\n", r.nextBoolean() ? "\r\n" : "\r");
                    s.setLength(0);
                    s.append(crlf);
                }
            }
        }
        return s.toString();
    }

    private static String randomText(Random r) {
        if (r.nextBoolean()) {
            byte[] bytes = new byte[r.nextInt(400)];
            r.nextBytes(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(80);
        for (int i = 0; i < n; i++) s.append(PIECES[r.nextInt(PIECES.length)]).append(r.nextBoolean() ? " " : "");
        return s.toString();
    }

    /** Inputs aimed at limits: deep nesting, huge literals, long lines, odd encodings. */
    private static List<String> specialInputs() {
        String head = "model m { every 5m notify ml_oncall rule r { when ";
        String tail = " > 1 } }";
        return List.of(
                head + "(".repeat(5000) + "x" + ")".repeat(5000) + tail,
                head + "(".repeat(5000) + tail,
                head + ")".repeat(5000) + tail,
                head + "- ".repeat(5000) + "x" + tail,
                head + "not ".repeat(5000) + "x" + tail,
                head + "-(".repeat(3000) + "x" + ")".repeat(3000) + tail,
                head + "x" + " + x".repeat(10_000) + tail,
                head + "x" + " and x".repeat(10_000) + tail,
                head + "avg(".repeat(2000) + "x, 5m)".repeat(2000) + tail,
                head + "x{a=~\"" + "(".repeat(20_000) + "\"}" + tail,
                head + "x{a=~\"" + "(a)".repeat(20_000) + "\"}" + tail,
                head + "x > " + "9".repeat(20_000) + tail,
                head + "x > 1e999999999" + tail,
                head + "x > " + "9".repeat(400) + "%" + tail,
                "model m { every " + "9".repeat(50) + "w rule r { when x > 1 } }",
                "model m { every 1w1w1w rule r { when x > 1 for " + "1".repeat(30) + "ms } }",
                head + "x{a=\"" + "é😀".repeat(20_000) + "\"}" + tail,
                head + "x{a=\"" + "\\u0041".repeat(20_000) + "\"}" + tail,
                head + "a".repeat(50_000) + tail,
                "model m {" + " rule r { when x > 1 }".repeat(2000) + " }",
                "model m { cron \"" + "0 ".repeat(5000) + "\" rule r { when x > 1 } }",
                "model m { cron \"0 0/0 * * * ?\" timezone \"\u0000\" rule r { when x > 1 } }",
                "\uFEFFmodel m { every 5m rule r { when x > 1 } }",
                "model m {\r every 5m\r rule r {\r when x >\r } }",
                "model m { every 5m rule r { when x > 1 summary \"{{\" } }",
                "\"",
                "#",
                "",
                "\u0000".repeat(1000),
                "}".repeat(10_000),
                "{".repeat(10_000));
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(2000).forEach(cp -> {
            if (cp >= 32 && cp < 127) out.appendCodePoint(cp);
            else if (cp == '\n') out.append("\\n\n");
            else out.append(String.format("\\u{%X}", cp));
        });
        return out.toString();
    }
}
