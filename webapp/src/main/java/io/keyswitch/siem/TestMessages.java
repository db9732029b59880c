package io.keyswitch.siem;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.platform.Actor;
import io.keyswitch.siem.syslog.Endpoint;
import io.keyswitch.siem.syslog.FailureWords;
import io.keyswitch.siem.syslog.SyslogConnection;
import io.keyswitch.siem.syslog.Transport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * "Send test message": one message to a target on a connection of its own (no transaction is held while the network
 * is waited for), and what happened in words — delivered, refused, timed out, TLS handshake failed and why — audited
 * ({@code siem-target.test}, success or failure with those words).
 */
@ApplicationScoped
public class TestMessages {

    /** How long the server has to close a connection it refused after the handshake, or to report a UDP port closed. */
    private static final long LISTEN_MILLIS = 300;

    @Inject
    SyslogTargets targets;

    @Inject
    SiemForwarder forwarder;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** What happened: whether the server took it, in a sentence. */
    public record Result(boolean delivered, String words) {
    }

    public Result send(Actor actor, long targetId) {
        SyslogTarget t = targets.target(actor, targetId);
        SiemSettings settings = forwarder.settings();
        Endpoint server = SiemForwarder.endpoint(t);
        byte[] message = new AuditMessages(settings, forwarder.hostname()).test(t.getName(), t.getId(), actor.name(),
                clock.instant());
        Result result;
        try (SyslogConnection c = server.open(settings.connectTimeout())) {
            c.send(List.of(message));
            Thread.sleep(LISTEN_MILLIS);
            if (!c.alive()) {
                result = new Result(false, t.getTransport() == Transport.UDP
                        ? "Refused: nothing listens on " + server + " (the host answered \"port unreachable\")."
                        : "The server " + server + " closed the connection right after taking it: check its log.");
            } else if (t.getTransport() == Transport.UDP) {
                result = new Result(true, "Sent to " + server + ". UDP gives no acknowledgement: check that the SIEM"
                        + " shows the test message (MSGID siem.test).");
            } else {
                result = new Result(true, "Delivered to " + server + ": the server took the test message (MSGID siem.test)"
                        + (t.getTransport() == Transport.TLS
                        ? "; its certificate is signed by the uploaded CA and names the host." : "."));
            }
        } catch (IOException | RuntimeException e) {
            result = new Result(false, FailureWords.of(e, server, settings.connectTimeout()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new Result(false, "Interrupted before the answer came.");
        }
        audit.record(AuditEntry.of(actor, AuditAction.SIEM_TARGET_TEST, result.delivered() ? Outcome.SUCCESS : Outcome.FAILURE)
                .in(t.isApplianceWide() ? actor.accountId() : t.getAccountId()).on("siem-target:" + t.getId())
                .withDetails(result.words()));
        return result;
    }
}
