package io.vigil.action;

import io.vigil.config.Config;
import io.vigil.notify.Notifier;
import java.nio.file.Path;

/** Adds actions to a {@link Notifier}: trigger rows in the outbox, runs, approval expiry and the approvals API. */
public final class Actions {
    private Actions() {}

    /** @param directory where command actions run: the config file's directory */
    public static Approvals install(Notifier notifier, Config config, Path directory) {
        notifier.addWriter(new TriggerWriter(config.actions()));
        notifier.addSender("action", new ActionSender(config.actions(), notifier.http(), new CommandRunner(), directory,
                notifier.links()));
        Approvals approvals = new Approvals(notifier.dataSource());
        notifier.addChore(approvals::expire);
        notifier.addRoutes(new ApprovalRoutes(approvals, notifier.clock(), notifier::wake));
        return approvals;
    }
}
