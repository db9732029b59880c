package io.keyswitch.alarm;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.platform.RetryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The outbox of alarm messages: a raised alarm becomes one stored message per member and channel of every alarm group
 * that covers it (held until a group's quiet hours end), plus the escalations those groups ask for; a run takes the
 * messages that are due, and each attempt's outcome is stored — sent, or pending with the error and the next attempt.
 * Escalations that come due while their alarm is not acknowledged become messages to the next group.
 */
@ApplicationScoped
public class AlarmOutbox {

    /** The active members of a user group with their e-mail address and phone number, as the user records hold them. */
    private static final String MEMBERS = "SELECT u.email, u.phone FROM app_user u JOIN group_membership m ON m.user_id = u.id"
            + " WHERE m.group_id = ?1 AND u.account_id = ?2 AND u.status = 'ACTIVE' ORDER BY u.id";

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditTrail trail;

    /** The messages and escalations of a just raised alarm; joins the raising transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(Alarm alarm) {
        Object[] device = em.createQuery("SELECT d.name, p.id FROM Device d LEFT JOIN d.project p WHERE d.id = :d",
                Object[].class).setParameter("d", alarm.getDeviceId()).getSingleResult();
        Instant now = clock.instant();
        for (AlarmGroup g : em.createQuery("SELECT g FROM AlarmGroup g WHERE g.accountId = :a ORDER BY g.id", AlarmGroup.class)
                .setParameter("a", alarm.getAccountId()).getResultList()) {
            if (g.covers(alarm.getSeverity(), alarm.getDeviceId(), (Long) device[1])) {
                tell(g, alarm, (String) device[0], false, now);
            }
        }
    }

    /**
     * Escalations that are due: to the next group when the alarm is still not acknowledged (and on to that group's
     * own next group, if it has one), else done without a message.
     *
     * @return how many alarms were escalated
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int escalateDue() {
        Instant now = clock.instant();
        int escalated = 0;
        for (Object row : em.createNativeQuery("SELECT e.id, e.alarm_id, e.to_group FROM alarm_escalation e"
                        + " WHERE e.done_at IS NULL AND e.due_at <= ?1 ORDER BY e.due_at LIMIT 500")
                .setParameter(1, LocalDateTime.ofInstant(now, ZoneOffset.UTC)).getResultList()) {
            Object[] r = (Object[]) row;
            Alarm alarm = em.find(Alarm.class, ((Number) r[1]).longValue());
            AlarmGroup to = em.find(AlarmGroup.class, ((Number) r[2]).longValue());
            boolean needed = !alarm.isAcknowledged() && to != null;
            if (needed) {
                String device = em.createQuery("SELECT d.name FROM Device d WHERE d.id = :d", String.class)
                        .setParameter("d", alarm.getDeviceId()).getSingleResult();
                tell(to, alarm, device, true, now);
                escalated++;
            }
            em.createNativeQuery("UPDATE alarm_escalation SET done_at = ?1, escalated = ?2 WHERE id = ?3")
                    .setParameter(1, LocalDateTime.ofInstant(now, ZoneOffset.UTC)).setParameter(2, needed)
                    .setParameter(3, ((Number) r[0]).longValue()).executeUpdate();
        }
        return escalated;
    }

    /** A pending message whose time has come, with what is sent (the runner sends a batch of mails over one connection). */
    public record Due(long id, AlarmMessage.Channel channel, String recipient, String subject, String body) {
    }

    /** The pending messages whose time has come, oldest first, of the channels not {@code skipped}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Due> due(int limit, java.util.Set<AlarmMessage.Channel> skipped) {
        List<AlarmMessage.Channel> channels = java.util.Arrays.stream(AlarmMessage.Channel.values())
                .filter(c -> !skipped.contains(c)).toList();
        if (channels.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT m.id, m.channel, m.recipient, m.subject, m.body FROM AlarmMessage m WHERE m.state = :p"
                        + " AND m.nextAttemptAt <= :now AND m.channel IN :channels ORDER BY m.nextAttemptAt, m.id", Object[].class)
                .setParameter("p", AlarmMessage.State.PENDING).setParameter("now", clock.instant())
                .setParameter("channels", channels).setMaxResults(limit).getResultList().stream()
                .map(row -> new Due((Long) row[0], (AlarmMessage.Channel) row[1], (String) row[2], (String) row[3],
                        (String) row[4])).toList();
    }

    /** How one attempt to send a message ended. */
    public record Attempt(AlarmMessage.Channel channel, boolean sent, String error) {
    }

    /**
     * One attempt to send a due message, in a transaction of its own (the SMS settings are read in it): on success it is
     * SENT, else it stays PENDING with the error and its next attempt per {@code retry}.
     *
     * @param send hands the message to the SMS gateway (or mail server), or throws
     * @return empty when the message is not due any more
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public java.util.Optional<Attempt> attempt(long id, java.util.function.Consumer<AlarmMessage> send, RetryPolicy retry) {
        AlarmMessage m = em.find(AlarmMessage.class, id);
        if (m == null || m.getState() != AlarmMessage.State.PENDING) {
            return java.util.Optional.empty();
        }
        try {
            send.accept(m);
            outcome(m, null, retry);
        } catch (RuntimeException e) {
            outcome(m, e.getMessage() == null ? "unknown error" : e.getMessage(), retry);
        }
        return java.util.Optional.of(new Attempt(m.getChannel(), m.getState() == AlarmMessage.State.SENT, m.getLastError()));
    }

    /**
     * Stores how the attempt to send a message (one of a batch, sent outside) ended, in a transaction of its own as soon
     * as the server answered it: {@code error == null} — SENT; else it stays PENDING with the error and its next attempt
     * per {@code retry}. A message not pending any more is left as it is.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(long id, String error, RetryPolicy retry) {
        AlarmMessage m = em.find(AlarmMessage.class, id);
        if (m != null && m.getState() == AlarmMessage.State.PENDING) {
            outcome(m, error, retry);
        }
    }

    private void outcome(AlarmMessage m, String error, RetryPolicy retry) {
        Instant now = clock.instant();
        if (error == null) {
            m.sent(now);
        } else {
            m.failed(error, retry.next(now, m.getAttempts() + 1));
            if (m.getAttempts() == 1) {
                trail.record(AuditEntry.of(AuditAction.ALARM_MESSAGE_FAILED, Outcome.FAILURE).bySystem()
                        .on("alarm-message:" + m.getId()).withDetails("account " + m.getAccountId() + ", " + m.getChannel()
                                + " to " + m.getRecipient()).because(m.getLastError()));
            }
        }
    }

    private void tell(AlarmGroup g, Alarm alarm, String device, boolean escalated, Instant now) {
        Instant release = g.quietHours().releaseAt(now);
        for (Object row : em.createNativeQuery(MEMBERS).setParameter(1, g.getUserGroupId())
                .setParameter(2, g.getAccountId()).getResultList()) {
            Object[] member = (Object[]) row;
            String mail = (String) member[0];
            String phone = (String) member[1];
            if (g.isByMail() && mail != null && !mail.isBlank()) {
                em.persist(new AlarmMessage(alarm, AlarmMessage.Channel.MAIL, mail.strip(),
                        AlarmText.subject(alarm, device, escalated),
                        AlarmText.mail(alarm, device, g.quietHours().zone(), escalated), now, release));
            }
            if (g.isBySms() && phone != null && !phone.isBlank()) {
                em.persist(new AlarmMessage(alarm, AlarmMessage.Channel.SMS, phone.strip(),
                        AlarmText.subject(alarm, device, escalated), AlarmText.sms(alarm, device, escalated), now, release));
            }
        }
        if (g.getEscalateTo() != null && g.getEscalateMinutes() != null) {
            em.createNativeQuery("INSERT INTO alarm_escalation (alarm_id, to_group, due_at) VALUES (?1, ?2, ?3)")
                    .setParameter(1, alarm.getId()).setParameter(2, g.getEscalateTo())
                    .setParameter(3, LocalDateTime.ofInstant(now.plusSeconds(60L * g.getEscalateMinutes()), ZoneOffset.UTC))
                    .executeUpdate();
        }
    }
}
