package io.vigil.cli;

import picocli.CommandLine;

/** Entry point of the {@code vigil} command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command and returns its exit code (0 ok, 1 checks failed, 2 usage or environment error). */
    public static int run(String... args) {
        return VigilCommand.commandLine(args).execute(args);
    }
}
