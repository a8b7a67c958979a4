package io.vigil.cli;

import io.vigil.store.Database;
import io.vigil.store.StoreCheck;
import io.vigil.store.StoreException;
import io.vigil.store.StoreSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil store check|repair}: finds and repairs what a crash left inconsistent in the store. */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Check or repair the store (stop vigil run first when the store is H2).",
        subcommands = {StoreCommand.Check.class, StoreCommand.Repair.class})
public final class StoreCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say check or repair");
    }

    /** Which store: --store, else the config's, else the embedded default. */
    abstract static class Base implements Callable<Integer> {
        @Mixin ConfigOption config;

        @Option(names = "--store", paramLabel = "JDBC_URL",
                description = "The store (jdbc:h2:file:... or jdbc:postgresql://...); credentials from VIGIL_DB_USER "
                        + "and VIGIL_DB_PASSWORD. Default: the config's store.")
        String store;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        StoreSettings settings() throws StoreConfig.Invalid {
            if (store != null) {
                return StoreSettings.of(store).withCredentials(System.getenv("VIGIL_DB_USER"),
                        System.getenv("VIGIL_DB_PASSWORD"));
            }
            Path file = config.resolve();
            return file == null ? StoreSettings.of(StoreSettings.DEFAULT_URL) : StoreConfig.read(file);
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                return run(settings(), out);
            } catch (StoreConfig.Invalid | StoreException e) {
                err.println("vigil store: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }

        abstract int run(StoreSettings settings, PrintWriter out);

        static int report(StoreCheck.Report r, StoreSettings settings, PrintWriter out) {
            for (String p : r.problems()) out.println("problem: " + p);
            out.println(r.ok() ? "the store at " + settings.displayUrl() + " is consistent"
                    : r.problems().size() + " problem(s); 'vigil store repair' repairs them");
            return r.ok() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /** {@code vigil store check}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check the outbox invariants and, on H2, that every table agrees with its indexes. "
                    + "Exit 0: consistent; 1: problems found.")
    static final class Check extends Base {
        @Override
        int run(StoreSettings settings, PrintWriter out) {
            try (Database db = Database.open(settings)) {
                return report(StoreCheck.check(db, true), settings, out);
            }
        }
    }

    /** {@code vigil store repair}. */
    @Command(name = "repair", mixinStandardHelpOptions = true,
            description = "Repair what check finds: outbox rows and deliveries are put right in place; an "
                    + "inconsistent H2 file is rebuilt from an SQL export of itself (the old file is kept as .bak).")
    static final class Repair extends Base {
        @Override
        int run(StoreSettings settings, PrintWriter out) {
            StoreCheck.Report before;
            try (Database db = Database.open(settings)) {
                before = StoreCheck.check(db, true);
            }
            if (StoreCheck.needsRebuild(before)) {
                out.println("rebuilding the H2 file; the old one is kept as " + StoreCheck.rebuildH2(settings));
            }
            try (Database db = Database.open(settings)) {
                for (String line : StoreCheck.repairInvariants(db)) out.println(line);
                return report(StoreCheck.check(db, true), settings, out);
            }
        }
    }
}
