package io.vigil.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code vigil} command; each subcommand is its own class in this package. */
@Command(name = "vigil",
        mixinStandardHelpOptions = true,
        version = "vigil 0.1.0",
        description = "Declarative monitoring rules for machine-learning models in production.",
        footer = {"", "Exit status: 0 ok, 1 checks or tests failed, 2 usage or environment error."})
public final class VigilCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The subcommands by name, in the order {@code vigil --help} lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
        SUBCOMMANDS.put("check", CheckCommand::new);
        SUBCOMMANDS.put("compile", CompileCommand::new);
        SUBCOMMANDS.put("run", RunCommand::new);
        SUBCOMMANDS.put("eval", EvalCommand::new);
        SUBCOMMANDS.put("query", QueryCommand::new);
        SUBCOMMANDS.put("quickstart", QuickstartCommand::new);
        SUBCOMMANDS.put("demo-data", DemoDataCommand::new);
        SUBCOMMANDS.put("drift", DriftCommand::new);
        SUBCOMMANDS.put("ingest", IngestCommand::new);
        SUBCOMMANDS.put("baseline", BaselineCommand::new);
        SUBCOMMANDS.put("alerts", AlertsCommand::new);
        SUBCOMMANDS.put("silence", SilenceCommand::new);
        SUBCOMMANDS.put("approve", ApproveCommand::new);
        SUBCOMMANDS.put("reject", RejectCommand::new);
        SUBCOMMANDS.put("approvals", ApprovalsCommand::new);
        SUBCOMMANDS.put("test", TestCommand::new);
        SUBCOMMANDS.put("backtest", BacktestCommand::new);
        SUBCOMMANDS.put("diff", DiffCommand::new);
        SUBCOMMANDS.put("store", StoreCommand::new);
    }

    /** The command line with every subcommand, as help and tests see it. */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: when they start with a subcommand's name, only that subcommand
     * is built. picocli reflects over every subcommand it is given, and doing that for all seventeen
     * was a fifth of a short {@code vigil test}'s start-up. Help, no arguments, an option or a typo get
     * them all, so usage and "did you mean" stay complete.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new VigilCommand());
        Supplier<Object> only = args.length > 0 && !args[0].equals("help") ? SUBCOMMANDS.get(args[0]) : null;
        if (only != null) {
            cl.addSubcommand(args[0], only.get());
        } else {
            SUBCOMMANDS.forEach((name, make) -> cl.addSubcommand(name, make.get()));
        }
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("vigil: " + ex.getMessage());
            if (System.getenv("VIGIL_DEBUG") != null) ex.printStackTrace(commandLine.getErr());
            return ExitCodes.USAGE;
        });
        return cl;
    }
}
