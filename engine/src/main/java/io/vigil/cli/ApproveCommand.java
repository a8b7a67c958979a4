package io.vigil.cli;

import picocli.CommandLine.Command;

/** {@code vigil approve <id>}: lets a waiting action run start. */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Approve an action run that waits for approval (trigger ... approval required).",
        footer = {"", "Exit status: 0 approved, 2 no such approval, already decided or expired, or the engine cannot be reached."})
public final class ApproveCommand extends DecisionCommand {
    @Override
    String decision() { return "approve"; }
}
