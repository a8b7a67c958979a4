package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil compile} as a user runs it: printed steps, --out files, --drl, errors and exit codes. */
class CompileCommandTest {

    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = VigilCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void printsTheStepsOfEachModel() throws Exception {
        Path rules = write("a.vigil", """
                model shop { every 5m  notify x  rule slow { when latency_ms > 250 } }
                model bank { every 1h  notify x  rule low { when balance < 0 } }
                """);
        assertThat(run("compile", rules.toString())).isEqualTo(0);
        String listing = out.toString();
        assertThat(listing.split("(?m)^# model ", -1)).hasSize(3);
        assertThat(listing).contains("rule 0: shop/slow (" + rules + ":1)", "input node 1 = operand 0: latency_ms",
                "filter > 250.0", "rule 0: bank/low (" + rules + ":2)", "filter < 0.0");
        assertThat(listing.indexOf("bank/low")).isLessThan(listing.indexOf("shop/slow"));
    }

    @Test
    void drlPrintsTheFixedRules() {
        assertThat(run("compile", "--drl")).isEqualTo(0);
        assertThat(out.toString()).startsWith("// The fixed rules").contains("package io.vigil.fixedrules;",
                "rule \"filter >\"", "rule \"breach\"");
    }

    @Test
    void writesModelFilesWithOut() throws Exception {
        Path rules = write("a.vigil", "model shop { every 5m  notify x  rule slow { when latency_ms > 250 } }\n");
        Path target = dir.resolve("steps");
        assertThat(run("compile", rules.toString(), "--out", target.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("wrote 1 file to " + target);
        try (var files = Files.list(target)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("shop.steps");
        }
        assertThat(Files.readString(target.resolve("shop.steps"))).contains("rule 0: shop/slow (");
    }

    @Test
    void rulesWithErrorsCompileNothingAndExit1() throws Exception {
        Path rules = write("bad.vigil", "model shop { every 5m  rule slow { when latency_ms > \"x\" } }\n");
        Path target = dir.resolve("drl");
        assertThat(run("compile", rules.toString(), "--out", target.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(rules + ":1:").contains("nothing compiled");
        assertThat(target).doesNotExist();
    }

    @Test
    void missingFileExits2() {
        assertThat(run("compile", dir.resolve("nope.vigil").toString())).isEqualTo(2);
    }
}
