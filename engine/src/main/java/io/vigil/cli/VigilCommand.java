package io.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code vigil} command; each subcommand is its own class in this package. */
@Command(name = "vigil",
        mixinStandardHelpOptions = true,
        version = "vigil 0.1.0",
        description = "Declarative monitoring rules for machine-learning models in production.",
        subcommands = {
                CommandLine.HelpCommand.class,
                CheckCommand.class,
                CompileCommand.class,
                RunCommand.class,
                EvalCommand.class,
                QuickstartCommand.class,
                DemoDataCommand.class,
                DriftCommand.class,
                IngestCommand.class,
                BaselineCommand.class,
                AlertsCommand.class,
                SilenceCommand.class,
                ApproveCommand.class,
                RejectCommand.class,
                ApprovalsCommand.class,
                TestCommand.class,
                BacktestCommand.class,
        },
        footer = {"", "Exit status: 0 ok, 1 checks or tests failed, 2 usage or environment error."})
public final class VigilCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** A configured picocli command line: usage errors exit 2 (picocli default), uncaught failures are reported without a stack trace. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new VigilCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("vigil: " + ex.getMessage());
            if (System.getenv("VIGIL_DEBUG") != null) ex.printStackTrace(commandLine.getErr());
            return ExitCodes.USAGE;
        });
        return cl;
    }
}
