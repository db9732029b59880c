package io.keyswitch.mail.internal;

import io.keyswitch.mail.MailAttachment;
import io.keyswitch.mail.MailDeliveryException;
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
 * Sends through the SMTP account of the settings, read at every mail (a change applies at once),
 * with Jakarta Mail as Payara provides it; attachments as MIME parts streamed from their files. Timeouts of 10 s; STARTTLS is required when chosen, and
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
        send(store.load(), to, subject, text, attachments);
    }

    @Override
    public void sendWith(SmtpSettings s, String to, String subject, String text) {
        send(s, to, subject, text, List.of());
    }

    private void send(SmtpSettings s, String to, String subject, String text, List<MailAttachment> attachments) {
        if (!s.configured()) {
            throw new MailDeliveryException("No SMTP server is configured (E-mail settings).", null);
        }
        boolean tls = s.security() == SmtpSettings.Security.TLS;
        String protocol = tls ? "smtps" : "smtp";
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
        try {
            Session session = Session.getInstance(p, auth);
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(s.from(), true));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            if (attachments.isEmpty()) {
                message.setText(text, StandardCharsets.UTF_8.name());
            } else {
                MimeMultipart parts = new MimeMultipart();
                MimeBodyPart body = new MimeBodyPart();
                body.setText(text, StandardCharsets.UTF_8.name());
                parts.addBodyPart(body);
                for (MailAttachment a : attachments) {
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
            // Through the transport of the chosen protocol: Transport.send picks the one for the address
            // type (smtp), which ignores every mail.smtps.* property, so TLS (smtps) went to localhost:25.
            try (Transport transport = session.getTransport(protocol)) {
                transport.connect();
                transport.sendMessage(message, message.getAllRecipients());
            }
            LOG.info("Mail sent to " + to + " through " + s.host() + ":" + s.port() + " (" + subject + ").");
        } catch (MessagingException e) {
            throw new MailDeliveryException(SmtpFailure.explain(s.host(), s.port(), s.security().name(), e), e);
        }
    }
}
