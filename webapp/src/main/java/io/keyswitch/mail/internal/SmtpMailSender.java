package io.keyswitch.mail.internal;

import io.keyswitch.mail.Mail;
import io.keyswitch.mail.MailAttachment;
import io.keyswitch.mail.MailDeliveryException;
import io.keyswitch.mail.MailOutcomes;
import io.keyswitch.mail.MailSender;
import io.keyswitch.mail.MailSettingsStore;
import io.keyswitch.mail.SmtpSettings;
import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Sends through the SMTP account of the settings, read at every mail or batch (a change applies at once), a batch over
 * one connection, with Jakarta Mail as Payara provides it; attachments as MIME parts streamed from their files. Timeouts of 10 s; STARTTLS is required when chosen, and
 * TLS checks the server's certificate and name.
 */
@ApplicationScoped
public class SmtpMailSender implements MailSender {

    private static final Logger LOG = Logger.getLogger(SmtpMailSender.class.getName());
    static final String TIMEOUT_MS = "10000";

    @Inject
    MailSettingsStore store;

    @Override
    public boolean configured() {
        return store.load().configured();
    }

    @Override
    public void send(String to, String subject, String text) {
        sendWith(store.load(), to, subject, text);
    }

    @Override
    public void send(String to, String subject, String text, List<MailAttachment> attachments) {
        sendOne(store.load(), new Mail(to, subject, text, attachments));
    }

    @Override
    public void sendWith(SmtpSettings s, String to, String subject, String text) {
        sendOne(s, new Mail(to, subject, text));
    }

    /** One mail as a batch of one; its failure thrown. */
    private void sendOne(SmtpSettings s, Mail mail) {
        MailDeliveryException[] failure = new MailDeliveryException[1];
        sendAll(s, List.of(mail), new MailOutcomes() {
            @Override
            public void sent(int index) {
                // the one mail went
            }

            @Override
            public void failed(int index, MailDeliveryException reason) {
                failure[0] = reason;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    @Override
    public int sendAll(List<Mail> mails, MailOutcomes outcomes) {
        return sendAll(store.load(), mails, outcomes);
    }

    /**
     * {@link MailSender#sendAll} through {@code s}: one session and one connection while the server keeps it; a server
     * that closes a connection which already carried mail (a limit of mails per connection) gets the mail under way
     * once more on a new one.
     */
    int sendAll(SmtpSettings s, List<Mail> mails, MailOutcomes outcomes) {
        if (mails.isEmpty()) {
            return 0;
        }
        if (!s.configured()) {
            outcomes.failed(0, new MailDeliveryException("No SMTP server is configured (E-mail settings).", null));
            return 1;
        }
        Session session = session(s);
        Connection connection = new Connection(session, s);
        int told = 0;
        try {
            for (int i = 0; i < mails.size(); i++) {
                Mail mail = mails.get(i);
                MimeMessage message;
                try {
                    message = message(session, s, mail);
                } catch (MessagingException e) { // an address that cannot be a mail address: this mail alone
                    outcomes.failed(i, new MailDeliveryException("The mail to \"" + mail.to() + "\" was not sent: that is not"
                            + " an e-mail address the portal can send to.", e));
                    told++;
                    continue;
                }
                MailDeliveryException failed = connection.send(message);
                told++;
                if (failed == null) {
                    outcomes.sent(i);
                    LOG.fine(() -> "Mail sent to " + mail.to() + " through " + s.host() + ":" + s.port() + " (" + mail.subject() + ").");
                } else {
                    outcomes.failed(i, failed);
                    if (!connection.open()) {
                        break; // the server is gone: the mails after this one are not tried
                    }
                }
            }
        } finally {
            connection.close();
        }
        int sent = connection.sent;
        LOG.info(() -> sent + " of " + mails.size() + " mail(s) sent through " + s.host() + ":" + s.port() + " in "
                + connection.connections + " connection(s).");
        return told;
    }

    /** The transport of one batch: connected when needed, again once when the server closed a connection that carried mail. */
    private static final class Connection {

        private final Session session;
        private final SmtpSettings settings;
        private Transport transport;
        private int carried;
        int connections;
        int sent;

        Connection(Session session, SmtpSettings settings) {
            this.session = session;
            this.settings = settings;
        }

        /** Sends one message; {@code null} when the server took it, else why not. */
        MailDeliveryException send(MimeMessage message) {
            boolean again = false;
            while (true) {
                try {
                    if (transport == null) {
                        // Through the transport of the chosen protocol: Transport.send picks the one for the address
                        // type (smtp), which ignores every mail.smtps.* property, so TLS (smtps) went to localhost:25.
                        transport = session.getTransport(protocol(settings));
                        carried = 0;
                        transport.connect();
                        connections++;
                    }
                    transport.sendMessage(message, message.getAllRecipients());
                    carried++;
                    sent++;
                    return null;
                } catch (MessagingException e) {
                    if (e instanceof SendFailedException && open()) {
                        return failure(settings, e); // refused alone (an address); the connection goes on
                    }
                    close();
                    if (carried > 0 && !again) {
                        again = true; // the server ended a connection that carried mail: once more on a new one
                        continue;
                    }
                    return failure(settings, e);
                }
            }
        }

        /** Whether the connection is still up (the server answers NOOP). */
        boolean open() {
            return transport != null && transport.isConnected();
        }

        void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    // the server is gone already
                }
                transport = null;
            }
        }
    }

    private static MailDeliveryException failure(SmtpSettings s, MessagingException e) {
        return new MailDeliveryException(SmtpFailure.explain(s.host(), s.port(), s.security().name(), e), e);
    }

    private static String protocol(SmtpSettings s) {
        return s.security() == SmtpSettings.Security.TLS ? "smtps" : "smtp";
    }

    private static Session session(SmtpSettings s) {
        String protocol = protocol(s);
        Properties p = new Properties();
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", s.host());
        p.put("mail." + protocol + ".port", Integer.toString(s.port()));
        p.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MS);
        p.put("mail." + protocol + ".timeout", TIMEOUT_MS);
        p.put("mail." + protocol + ".writetimeout", TIMEOUT_MS);
        p.put("mail." + protocol + ".auth", Boolean.toString(s.authenticated()));
        if (s.security() == SmtpSettings.Security.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (s.security() != SmtpSettings.Security.NONE) {
            p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
            p.put("mail." + protocol + ".ssl.protocols", "TLSv1.3 TLSv1.2");
        }
        Authenticator auth = s.authenticated() ? new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(s.user(), s.password());
            }
        } : null;
        return Session.getInstance(p, auth);
    }

    private static MimeMessage message(Session session, SmtpSettings s, Mail mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(s.from(), true));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        if (mail.attachments().isEmpty()) {
            message.setText(mail.text(), StandardCharsets.UTF_8.name());
        } else {
            MimeMultipart parts = new MimeMultipart();
            MimeBodyPart body = new MimeBodyPart();
            body.setText(mail.text(), StandardCharsets.UTF_8.name());
            parts.addBodyPart(body);
            for (MailAttachment a : mail.attachments()) {
                MimeBodyPart file = new MimeBodyPart();
                file.setDataHandler(new DataHandler(new FileDataSource(a.file().toFile()) {
                    @Override
                    public String getContentType() {
                        return a.contentType();
                    }
                }));
                file.setFileName(a.name());
                file.setDisposition(Part.ATTACHMENT);
                parts.addBodyPart(file);
            }
            message.setContent(parts);
        }
        message.setSentDate(new Date());
        message.saveChanges(); // Transport.send did this itself
        return message;
    }
}
