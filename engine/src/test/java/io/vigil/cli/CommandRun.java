package io.vigil.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs one {@code vigil} command line in-process and keeps its exit code and output. */
record CommandRun(int exit, String out, String err) {
    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = VigilCommand.commandLine(args); // as Main builds it
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
