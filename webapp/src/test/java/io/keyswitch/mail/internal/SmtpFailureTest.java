package io.keyswitch.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.keyswitch.mail.MailDeliveryException;
import io.keyswitch.mail.SmtpSettings;
import io.keyswitch.mail.SmtpSettings.Security;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a person reads when the test mail fails, against real SMTP servers on loopback (GreenMail, a
 * closed port, a server that never greets): what failed, in words, never a Java class name.
 */
@DisplayName("An SMTP failure is said in words: connection refused, no answer, TLS handshake, login")
class SmtpFailureTest {

    private final SmtpMailSender sender = new SmtpMailSender();
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    @Test
    @DisplayName("nothing listens on the port: 'refused the connection'")
    void connectionRefused() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }

        assertThat(failure(settings(closed, Security.NONE, "")))
                .startsWith("The SMTP server 127.0.0.1:" + closed + " refused the connection: nothing listens on that port");
    }

    @Test
    @DisplayName("a server that accepts but never greets: 'did not answer within 10 seconds'")
    void noAnswer() throws Exception {
        ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        servers.add(silent);
        List<Socket> accepted = new ArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                accepted.add(silent.accept());
            } catch (java.io.IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();

        assertThat(failure(settings(silent.getLocalPort(), Security.NONE, "")))
                .isEqualTo("The SMTP server 127.0.0.1:" + silent.getLocalPort()
                        + " did not answer within 10 seconds: please check the server, the port and the firewall.");
        for (Socket s : accepted) {
            s.close();
        }
    }

    @Test
    @DisplayName("TLS chosen, but the server speaks plain SMTP on that port: 'does not speak TLS on this port'")
    void plainServerForTls() {
        GreenMail smtp = greenMail(ServerSetup.PROTOCOL_SMTP);

        assertThat(failure(settings(smtp.getSmtp().getPort(), Security.TLS, "")))
                .startsWith("The TLS handshake with the SMTP server 127.0.0.1:" + smtp.getSmtp().getPort() + " failed: "
                        + "the server does not speak TLS on this port (choose STARTTLS");
    }

    @Test
    @DisplayName("a TLS server with a self-signed certificate: 'the appliance does not trust the server's certificate'")
    void untrustedCertificate() {
        GreenMail smtps = greenMail(ServerSetup.PROTOCOL_SMTPS);

        assertThat(failure(settings(smtps.getSmtps().getPort(), Security.TLS, "")))
                .isEqualTo("The TLS handshake with the SMTP server 127.0.0.1:" + smtps.getSmtps().getPort() + " failed: "
                        + "the appliance does not trust the server's certificate (self-signed, or issued by a CA it does not know).");
    }

    @Test
    @DisplayName("STARTTLS required, the server does not offer it: 'does not offer STARTTLS'")
    void noStartTls() {
        GreenMail smtp = greenMail(ServerSetup.PROTOCOL_SMTP);

        assertThat(failure(settings(smtp.getSmtp().getPort(), Security.STARTTLS, "")))
                .startsWith("The SMTP server 127.0.0.1:" + smtp.getSmtp().getPort() + " does not offer STARTTLS");
    }

    @Test
    @DisplayName("a wrong password: 'refused the user name or password', with the server's own answer")
    void wrongPassword() {
        GreenMail smtp = greenMail(ServerSetup.PROTOCOL_SMTP);
        smtp.setUser("relay@example.com", "relay", "the-right-password");

        String said = failure(new SmtpSettings("127.0.0.1", smtp.getSmtp().getPort(), Security.NONE, "relay", "a-wrong-password",
                "portal@example.com"));

        assertThat(said).startsWith("The SMTP server 127.0.0.1:" + smtp.getSmtp().getPort()
                + " refused the user name or password (authentication failed)").doesNotContain("a-wrong-password");
    }

    private GreenMail greenMail(String protocol) {
        GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", protocol));
        g.start();
        servers.add(g::stop);
        return g;
    }

    private static SmtpSettings settings(int port, Security security, String user) {
        return new SmtpSettings("127.0.0.1", port, security, user, "", "portal@example.com");
    }

    /** The message of the failure, checked to be words: no exception class name in it. */
    private String failure(SmtpSettings settings) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> sender.sendWith(settings, "olga@example.com", "test", "test"))
                .isInstanceOf(MailDeliveryException.class)
                .satisfies(e -> thrown[0] = e);
        String message = thrown[0].getMessage();
        assertThat(message).doesNotContainPattern("[A-Z][A-Za-z]+(Exception|Error)\\b").doesNotContain("javax.", "jakarta.", "java.");
        return message;
    }
}
