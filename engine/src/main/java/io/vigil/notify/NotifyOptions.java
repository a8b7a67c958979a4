package io.vigil.notify;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Settings of notifications that do not come from vigil.yaml.
 *
 * @param links          where links in messages point
 * @param mailFile       where emails go without an {@code smtp:} section (beside the console)
 * @param console        the console for those emails; null for none
 * @param smtpProperties extra Jakarta Mail session properties (e.g. {@code mail.smtp.ssl.trust})
 */
public record NotifyOptions(Links links, Path mailFile, PrintWriter console, Properties smtpProperties,
                            DispatchSettings dispatch) {
    public static final Path DEFAULT_MAIL_FILE = Path.of("data", "outbox-mail.log");

    public NotifyOptions {
        Properties copy = new Properties();
        copy.putAll(smtpProperties);
        smtpProperties = copy;
    }

    /** Links to {@code base}, mail to ./data/outbox-mail.log and stdout, default dispatch. */
    public static NotifyOptions defaults(Links links) {
        return new NotifyOptions(links, DEFAULT_MAIL_FILE, new PrintWriter(System.out, true), new Properties(), DispatchSettings.defaults());
    }

    public NotifyOptions withMailFile(Path file, PrintWriter out) {
        return new NotifyOptions(links, file, out, smtpProperties, dispatch);
    }

    public NotifyOptions withSmtpProperties(Properties p) {
        return new NotifyOptions(links, mailFile, console, p, dispatch);
    }

    public NotifyOptions withDispatch(DispatchSettings d) {
        return new NotifyOptions(links, mailFile, console, smtpProperties, d);
    }
}
