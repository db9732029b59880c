package io.keyswitch.alarm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The delete statements of alarm retention, each in its own short transaction: cleared alarms (with their messages
 * and escalations) and sent messages older than a time, at most a batch per statement. An alarm with a message still
 * pending stays until the message is sent: a message is never lost to retention.
 */
@ApplicationScoped
public class OldAlarms {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    /** Deletes at most {@code limit} alarms cleared before {@code before} that have no pending message. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int deleteCleared(Instant before, int limit) {
        return em.createNativeQuery("DELETE FROM alarm WHERE cleared_at < ?1 AND NOT EXISTS (SELECT 1 FROM alarm_message m"
                        + " WHERE m.alarm_id = alarm.id AND m.state = 'PENDING') ORDER BY cleared_at LIMIT ?2")
                .setParameter(1, LocalDateTime.ofInstant(before, ZoneOffset.UTC)).setParameter(2, limit).executeUpdate();
    }

    /** Deletes at most {@code limit} messages sent before {@code before} (of alarms that are kept longer). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int deleteSent(Instant before, int limit) {
        return em.createNativeQuery("DELETE FROM alarm_message WHERE state = 'SENT' AND sent_at < ?1 ORDER BY sent_at LIMIT ?2")
                .setParameter(1, LocalDateTime.ofInstant(before, ZoneOffset.UTC)).setParameter(2, limit).executeUpdate();
    }
}
