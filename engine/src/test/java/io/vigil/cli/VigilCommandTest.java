package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The top-level command: usage lists every subcommand however it is built, and a subcommand runs alone. */
class VigilCommandTest {

    private static final String[] ALL = {"help", "check", "compile", "run", "eval", "query", "quickstart", "demo-data",
            "drift", "ingest", "baseline", "alerts", "silence", "approve", "reject", "approvals", "test", "backtest"};

    @Test
    void helpListsEverySubcommand() {
        for (String[] args : new String[][] {{"--help"}, {"help"}, {}}) {
            CommandRun r = CommandRun.of(args);
            assertThat(r.out() + r.err()).as(String.join(" ", args)).contains(ALL);
        }
    }

    @Test
    void aSubcommandIsBuiltAloneAndStillRuns() {
        assertThat(VigilCommand.commandLine("compile", "--drl").getSubcommands()).containsOnlyKeys("compile");
        CommandRun r = CommandRun.of("compile", "--drl");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("rule \"breach\"");
        assertThat(CommandRun.of("help", "compile").out()).contains("Usage: vigil compile");
    }

    @Test
    void aMistypedSubcommandGetsASuggestionAndExit2() {
        CommandRun r = CommandRun.of("tset", "x.test.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("tset").contains("test");
    }
}
