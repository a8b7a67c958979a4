package io.vigil.notify;

import java.util.List;

/** Sends one email: over SMTP, or to the console and a file when no SMTP server is configured. */
interface Mailer {
    Outcome send(List<String> to, MailContent content, String messageId);

    /** The domain for Message-IDs, from the sender address. */
    String domain();
}
