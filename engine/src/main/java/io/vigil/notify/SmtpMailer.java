package io.vigil.notify;

import io.vigil.config.Config;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Email over SMTP with Jakarta Mail (Eclipse Angus): STARTTLS (required, never a silent fall-back to
 * clear text) or TLS from the first byte, optional authentication. The delivery's idempotency key is
 * the Message-ID, so a repeat after a crash can be recognised. Permanent refusals (authentication,
 * 5xx replies, bad addresses) are dead at once; connection problems and 4xx replies are retried.
 */
final class SmtpMailer implements Mailer {
    private final Config.Smtp smtp;
    private final Session session;

    /** @param extra further Jakarta Mail session properties (e.g. which certificates to trust) */
    SmtpMailer(Config.Smtp smtp, Duration timeout, Properties extra) {
        this.smtp = smtp;
        Properties p = new Properties();
        String ms = Long.toString(timeout.toMillis());
        p.put("mail.smtp.host", smtp.host().reveal());
        p.put("mail.smtp.port", Integer.toString(smtp.port()));
        p.put("mail.smtp.connectiontimeout", ms);
        p.put("mail.smtp.timeout", ms);
        p.put("mail.smtp.writetimeout", ms);
        p.put("mail.smtp.auth", Boolean.toString(smtp.username() != null));
        if (smtp.ssl()) {
            p.put("mail.smtp.ssl.enable", "true");
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        if (smtp.starttls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        p.putAll(extra);
        this.session = Session.getInstance(p);
    }

    @Override
    public String domain() {
        String from = smtp.from().reveal();
        return from.substring(from.indexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "");
    }

    @Override
    public Outcome send(List<String> to, MailContent content, String messageId) {
        try {
            MimeMessage m = new FixedIdMessage(session, messageId);
            m.setFrom(new InternetAddress(smtp.from().reveal()));
            for (String address : to) m.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
            m.setSubject(content.subject(), StandardCharsets.UTF_8.name());
            m.setSentDate(new Date());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(content.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(content.html(), StandardCharsets.UTF_8.name(), "html");
            m.setContent(new MimeMultipart("alternative", text, html));
            String user = smtp.username() == null ? null : smtp.username().reveal();
            String password = smtp.password() == null ? null : smtp.password().reveal();
            Transport.send(m, user, password);
            return new Outcome.Delivered("accepted by the SMTP server for " + to.size() + " recipient(s)");
        } catch (MessagingException e) {
            return classify(e);
        }
    }

    /** Sorts a failure into permanent (dead) and passing (retry) by the SMTP reply or the exception. */
    static Outcome classify(MessagingException e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof AuthenticationFailedException) {
                return new Outcome.Dead("SMTP authentication failed (check smtp.username and smtp.password): "
                        + oneLine(t.getMessage()));
            }
            int code = replyCode(t);
            if (code >= 500) return new Outcome.Dead("SMTP server refused the message: " + oneLine(t.getMessage()));
            if (code >= 400) return new Outcome.Retry("SMTP server deferred the message: " + oneLine(t.getMessage()));
            if (t instanceof IOException) {
                return new Outcome.Retry("cannot reach the SMTP server: " + t.getClass().getSimpleName() + ": "
                        + oneLine(t.getMessage()));
            }
        }
        String m = oneLine(e.getMessage());
        if (e instanceof SendFailedException) return new Outcome.Dead("invalid recipient address: " + m);
        if (m.contains("STARTTLS is required")) {
            return new Outcome.Dead("the SMTP server does not offer STARTTLS, and smtp.starttls forbids sending in "
                    + "clear text: " + m);
        }
        return new Outcome.Retry("SMTP error: " + m);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static int replyCode(Throwable t) {
        if (t instanceof SMTPSendFailedException s) return s.getReturnCode();
        if (t instanceof SMTPAddressFailedException s) return s.getReturnCode();
        if (t instanceof SMTPSenderFailedException s) return s.getReturnCode();
        return -1;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    /** A message whose Message-ID is ours, not one Jakarta Mail makes up at send time. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
