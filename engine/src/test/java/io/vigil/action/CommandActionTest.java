package io.vigil.action;

import io.vigil.Slow;

import static io.vigil.notify.OutboxWorld.T0;
import static io.vigil.notify.OutboxWorld.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.notify.Deliveries;
import io.vigil.notify.OutboxWorld;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command actions: argv only, never a shell; exit code, output tail and timeout recorded. */
@Slow
class CommandActionTest {
    static final String RULES = """
            model churn {
              every 5m
              rule acc_low {
                when accuracy < 0.85
                trigger run_it
              }
            }
            """;

    @TempDir Path dir;

    /** A program (run as a program, not through a shell by Vigil) in the config directory. */
    private Path script(String name, String body) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    private static String action(String argv, String timeout) {
        return "actions:\n  run_it:\n    type: command\n    argv: " + argv + "\n    timeout: " + timeout + "\n";
    }

    private Deliveries.Row runOnce(OutboxWorld w, String segment) {
        w.put("churn", "accuracy", segment, T0, 0.5);
        w.evaluate(T0);
        w.startDispatcher();
        eventually(Duration.ofSeconds(20), () -> assertThat(w.deliveries()).isNotEmpty()
                .allMatch(d -> !d.state().equals("pending")));
        return w.deliveries().get(0);
    }

    @Test
    void hostileTemplateValuesArriveAsLiteralArguments() throws Exception {
        // Writes each argument followed by NUL to argv.out in its working directory.
        script("record.sh", "for a in \"$@\"; do printf '%s\\0' \"$a\"; done > argv.out\necho recorded $#\n");
        String hostile = "EU; rm -rf / $(touch pwned) `touch pwned2` 'single' \"double\" && echo $HOME |";
        String yaml = action("[./record.sh, --model, \"{{model}}\", --segment, \"{{labels.segment}}\", "
                + "\"{{labels.segment}} at {{value}}\"]", "10s");
        try (OutboxWorld w = OutboxWorld.open(dir, RULES, yaml)) {
            Deliveries.Row d = runOnce(w, hostile);
            assertThat(d.state()).isEqualTo("delivered");
            assertThat(d.result()).matches("(?s)exit 0 after \\d+m?s\nrecorded 5");
        }
        String[] args = Files.readString(dir.resolve("argv.out"), StandardCharsets.UTF_8).split("\0");
        assertThat(Arrays.asList(args)).containsExactly("--model", "churn", "--segment", hostile, hostile + " at 0.5");
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(dir.resolve("pwned2")).doesNotExist();
    }

    @Test
    void aFailingCommandIsDeadWithItsExitCodeAndOutputTail() throws Exception {
        script("fail.sh", "i=1; while [ $i -le 300 ]; do echo \"line $i\"; i=$((i+1)); done; echo 'no GPU left' >&2; exit 3\n");
        try (OutboxWorld w = OutboxWorld.open(dir, RULES, action("[./fail.sh]", "10s"))) {
            Deliveries.Row d = runOnce(w, "EU");
            assertThat(d.state()).isEqualTo("dead");
            assertThat(d.attempts()).as("a failed run is not repeated").isEqualTo(1);
            assertThat(d.lastError()).matches("exit 3 after \\d+m?s");
            assertThat(d.result()).endsWith("line 299\nline 300\nno GPU left").doesNotContain("line 1\n")
                    .hasSizeLessThanOrEqualTo(2000);
        }
    }

    @Test
    void aCommandOverItsTimeoutIsStopped() throws Exception {
        script("slow.sh", "echo $$ > pid; echo started; sleep 30; echo never\n");
        try (OutboxWorld w = OutboxWorld.open(dir, RULES, action("[./slow.sh]", "500ms"))) {
            Deliveries.Row d = runOnce(w, "EU");
            assertThat(d.state()).isEqualTo("dead");
            assertThat(d.lastError()).isEqualTo("stopped after the timeout of 500ms");
            // The shell may report its killed child ("Terminated") in the moment before it is stopped itself.
            assertThat(d.result()).startsWith("started").doesNotContain("never");
            long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void aMissingProgramIsDeadWithTheReason() throws Exception {
        try (OutboxWorld w = OutboxWorld.open(dir, RULES, action("[./no-such-program, x]", "10s"))) {
            Deliveries.Row d = runOnce(w, "EU");
            assertThat(d.state()).isEqualTo("dead");
            assertThat(d.lastError()).startsWith("cannot start './no-such-program': Cannot run program \"./no-such-program\"");
        }
    }

    @Test
    void oneRunOfAnActionAtATimePerModel() throws Exception {
        // Two rules trigger the same action for the same model at the same evaluation; no cooldown.
        String rules = """
                model churn {
                  every 5m
                  rule a { when accuracy < 0.85  trigger run_it }
                  rule b { when accuracy < 0.9  trigger run_it }
                }
                """;
        script("log.sh", "echo \"start $1 $(date +%s%N)\" >> runs.log; sleep 1; echo \"end $1 $(date +%s%N)\" >> runs.log\n");
        try (OutboxWorld w = OutboxWorld.open(dir, rules, action("[./log.sh, \"{{rule}}\"]", "10s"))) {
            w.put("churn", "accuracy", "EU", T0, 0.5);
            w.evaluate(T0);
            w.startDispatcher();
            eventually(Duration.ofSeconds(20), () -> assertThat(w.deliveries("delivered")).hasSize(2));
        }
        List<String> log = Files.readAllLines(dir.resolve("runs.log"));
        assertThat(log).hasSize(4);
        assertThat(log.get(0)).startsWith("start ");
        assertThat(log.get(1)).startsWith("end ");
        assertThat(log.get(2)).startsWith("start ");
        long end1 = Long.parseLong(log.get(1).split(" ")[2]);
        long start2 = Long.parseLong(log.get(2).split(" ")[2]);
        assertThat(start2).isGreaterThanOrEqualTo(end1);
    }
}
