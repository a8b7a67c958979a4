package io.vigil.cli;

import picocli.CommandLine.Command;

/** {@code vigil reject <id>}: ends a waiting action run without running it. */
@Command(name = "reject", mixinStandardHelpOptions = true,
        description = "Reject an action run that waits for approval; it will not run.",
        footer = {"", "Exit status: 0 rejected, 2 no such approval, already decided or expired, or the engine cannot be reached."})
public final class RejectCommand extends DecisionCommand {
    @Override
    String decision() { return "reject"; }
}
