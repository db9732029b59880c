package io.keyswitch.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.mail.Mail;
import io.keyswitch.mail.MailDeliveryException;
import io.keyswitch.mail.MailOutcomes;
import io.keyswitch.mail.SmtpSettings;
import io.keyswitch.mail.SmtpSettings.Security;
import io.keyswitch.testing.SmtpProxy;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A batch of mails over one SMTP connection, against a real SMTP server on loopback (GreenMail, behind a
 * {@link SmtpProxy} that counts the connections made to it): each mail's outcome is told once, in order, and a server that goes away in the
 * middle leaves the mails after the failed one untold, for the caller to try again.
 */
@DisplayName("A batch of mails goes over one SMTP connection, each mail's outcome told on its own")
class MailBatchTest {

    private final SmtpMailSender sender = new SmtpMailSender();
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).close();
        }
    }

    @Test
    @DisplayName("a batch of 50 mails arrives complete, in order, over one connection, each told 'sent'")
    void oneConnection() throws Exception {
        // Arrange
        GreenMail smtp = greenMail(LoopbackPorts.free());
        SmtpProxy proxy = proxy(smtp.getSmtp().getPort());
        Told told = new Told();

        // Act
        int answered = sender.sendAll(settings(proxy.port()), mails(50), told);

        // Assert
        assertThat(answered).isEqualTo(50);
        assertThat(told.outcomes).hasSize(50).allSatisfy((i, outcome) -> assertThat(outcome).isEqualTo("sent"));
        assertThat(subjects(smtp)).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "mail " + i).toList());
        assertThat(proxy.connections()).as("SMTP connections for the batch").isOne();
    }

    @Test
    @DisplayName("the server goes away after the 3rd of 10 mails: 3 sent, the 4th failed with the reason, 5 to 10 untold")
    void serverGoneInTheMiddle() throws Exception {
        // Arrange
        int port = LoopbackPorts.free();
        GreenMail smtp = greenMail(port);
        Told told = new Told(sent -> {
            if (sent == 2) {
                smtp.stop();
            }
        });

        // Act
        int answered = sender.sendAll(settings(port), mails(10), told);

        // Assert
        assertThat(answered).isEqualTo(4);
        assertThat(told.outcomes).containsOnlyKeys(0, 1, 2, 3);
        assertThat(told.outcomes).containsEntry(0, "sent").containsEntry(1, "sent").containsEntry(2, "sent");
        assertThat(told.outcomes.get(3)).startsWith("failed: The SMTP server 127.0.0.1:" + port + " refused the connection");
    }

    @Test
    @DisplayName("the server ends a connection that carried mail (a limit per connection): the batch goes on over a new one")
    void serverEndsTheConnection() throws Exception {
        // Arrange: the first server takes 3 mails, then another one listens on the port
        int port = LoopbackPorts.free();
        GreenMail first = greenMail(port);
        GreenMail[] second = new GreenMail[1];
        SmtpProxy proxy = proxy(port);
        Told told = new Told(sent -> {
            if (sent == 2) {
                first.stop();
                second[0] = greenMail(port);
            }
        });

        // Act
        int answered = sender.sendAll(settings(proxy.port()), mails(10), told);

        // Assert
        assertThat(answered).isEqualTo(10);
        assertThat(told.outcomes.values()).containsOnly("sent").hasSize(10);
        assertThat(subjects(second[0])).containsExactlyElementsOf(IntStream.range(3, 10).mapToObj(i -> "mail " + i).toList());
        assertThat(proxy.connections()).isEqualTo(2);
    }

    @Test
    @DisplayName("a mail whose address is not one fails alone; the mails before and after it are sent")
    void badAddressFailsAlone() throws Exception {
        // Arrange
        GreenMail smtp = greenMail(LoopbackPorts.free());
        List<Mail> mails = new ArrayList<>(mails(3));
        mails.set(1, new Mail("not an address", "mail 1", "text"));
        Told told = new Told();

        // Act
        int answered = sender.sendAll(settings(smtp.getSmtp().getPort()), mails, told);

        // Assert
        assertThat(answered).isEqualTo(3);
        assertThat(told.outcomes).containsEntry(0, "sent").containsEntry(2, "sent");
        assertThat(told.outcomes.get(1)).isEqualTo("failed: The mail to \"not an address\" was not sent: that is not an e-mail address"
                + " the portal can send to.");
        assertThat(subjects(smtp)).containsExactly("mail 0", "mail 2");
    }

    @Test
    @DisplayName("nothing listens: the first mail fails with 'refused the connection', the others are not tried")
    void nobodyListens() {
        // Arrange
        int closed = LoopbackPorts.free();
        Told told = new Told();

        // Act
        int answered = sender.sendAll(settings(closed), mails(5), told);

        // Assert
        assertThat(answered).isOne();
        assertThat(told.outcomes).containsOnlyKeys(0);
        assertThat(told.outcomes.get(0)).contains("refused the connection");
    }

    private static List<Mail> mails(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Mail("member" + i + "@example.com", "mail " + i, "text " + i)).toList();
    }

    private static List<String> subjects(GreenMail smtp) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            subjects.add(m.getSubject());
        }
        return subjects;
    }

    private static SmtpSettings settings(int port) {
        return new SmtpSettings("127.0.0.1", port, Security.NONE, "", "", "portal@example.com");
    }

    private GreenMail greenMail(int port) {
        GreenMail g = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        g.start();
        servers.add(g::stop);
        return g;
    }

    private SmtpProxy proxy(int to) throws IOException {
        SmtpProxy p = new SmtpProxy(to);
        servers.add(p);
        return p;
    }

    /** The outcomes told, by the mail's index ("sent" or "failed: why"); {@code afterSent} runs after each "sent". */
    private static final class Told implements MailOutcomes {

        final Map<Integer, String> outcomes = new TreeMap<>();
        private final IntConsumer afterSent;

        Told() {
            this(i -> { });
        }

        Told(IntConsumer afterSent) {
            this.afterSent = afterSent;
        }

        @Override
        public void sent(int index) {
            assertThat(outcomes.put(index, "sent")).as("told once").isNull();
            afterSent.accept(index);
        }

        @Override
        public void failed(int index, MailDeliveryException reason) {
            assertThat(outcomes.put(index, "failed: " + reason.getMessage())).as("told once").isNull();
        }
    }
}
