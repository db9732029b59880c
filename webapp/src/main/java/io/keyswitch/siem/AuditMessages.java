package io.keyswitch.siem;

import io.keyswitch.audit.AuditEvent;
import io.keyswitch.audit.Outcome;
import io.keyswitch.siem.syslog.Rfc5424;
import io.keyswitch.siem.syslog.SyslogMessage;
import io.keyswitch.siem.syslog.SyslogMessage.Param;
import io.keyswitch.siem.syslog.SyslogMessage.StructuredData;
import java.time.Instant;
import java.util.List;

/**
 * Audit events as RFC 5424 messages: APP-NAME {@code keyswitch}, MSGID the action, the event's time, and the
 * structured data {@code [audit@<enterprise number> eventId= hash= account= accountId= actor= action= target=
 * outcome= sourceAddress= reason=]} (a field the event does not have is left out); the MSG is one readable line with
 * the details (what changed) after it. Severity notice for a success, warning for a failure or a refusal.
 */
public final class AuditMessages {

    public static final String APP_NAME = "keyswitch";
    static final int NOTICE = 5;
    static final int WARNING = 4;

    private final SiemSettings settings;
    private final String hostname;

    /** @param hostname the appliance's DNS name (the HOSTNAME field) */
    public AuditMessages(SiemSettings settings, String hostname) {
        this.settings = settings;
        this.hostname = hostname;
    }

    /** The message of {@code e}; {@code accountName} names its account ({@code null}: none or unknown). */
    public byte[] of(AuditEvent e, String accountName) {
        List<Param> params = List.of(
                new Param("eventId", String.valueOf(e.getId())),
                new Param("hash", e.getHash()),
                new Param("account", accountName),
                new Param("accountId", e.getAccountId() == null ? null : e.getAccountId().toString()),
                new Param("actor", e.getActor()),
                new Param("action", e.getAction()),
                new Param("target", e.getTarget()),
                new Param("outcome", e.getOutcome().name()),
                new Param("sourceAddress", e.getSourceIp()),
                new Param("reason", e.getReason()));
        StringBuilder msg = new StringBuilder();
        msg.append(e.getActor() == null ? "-" : e.getActor()).append(' ').append(e.getAction());
        if (e.getTarget() != null) {
            msg.append(' ').append(e.getTarget());
        }
        msg.append(": ").append(e.getOutcome().name());
        if (e.getDetails() != null && !e.getDetails().isBlank()) {
            msg.append(' ').append(e.getDetails());
        }
        SyslogMessage m = new SyslogMessage(settings.facility(), e.getOutcome() == Outcome.SUCCESS ? NOTICE : WARNING,
                e.getOccurredAt(), hostname, APP_NAME, null, e.getAction(),
                List.of(new StructuredData(settings.sdId(), params)), msg.toString());
        return Rfc5424.format(m, settings.maxMessage());
    }

    /** The test message of a target: MSGID {@code siem.test}, no event id (a SIEM rule can tell it apart). */
    public byte[] test(String targetName, long targetId, String by, Instant at) {
        SyslogMessage m = new SyslogMessage(settings.facility(), NOTICE, at, hostname, APP_NAME, null, "siem.test",
                List.of(new StructuredData(settings.sdId(), List.of(new Param("action", "siem-target.test"),
                        new Param("target", "siem-target:" + targetId), new Param("actor", by)))),
                "Keyswitch test message for the syslog target '" + targetName + "', sent by " + by + ".");
        return Rfc5424.format(m, settings.maxMessage());
    }
}
