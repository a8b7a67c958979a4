package io.vigil.notify;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;

/**
 * Where email goes when the config has no {@code smtp:} section: printed on the console and appended
 * to a file (by default {@code ./data/outbox-mail.log}), so a set-up without a mail server still shows
 * exactly what would have been sent.
 */
final class MailSink implements Mailer {
    private final Path file;
    private final PrintWriter console;
    private final Clock clock;

    MailSink(Path file, PrintWriter console, Clock clock) {
        this.file = file;
        this.console = console;
        this.clock = clock;
    }

    @Override
    public String domain() { return "vigil.localhost"; }

    @Override
    public synchronized Outcome send(List<String> to, MailContent content, String messageId) {
        String text = "From: vigil@" + domain() + "\nTo: " + String.join(", ", to) + "\nSubject: " + content.subject()
                + "\nMessage-ID: " + messageId + "\nDate: " + clock.instant() + "\n\n" + content.text() + "\n";
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            return new Outcome.Retry("cannot append to " + file + ": " + e.getMessage());
        }
        if (console != null) {
            console.print("---- email (no smtp: configured; also in " + file + ") ----\n" + text);
            console.flush();
        }
        return new Outcome.Delivered("written to the console and " + file + " (no smtp: section)");
    }
}
