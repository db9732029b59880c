package io.keyswitch.approval;

import io.keyswitch.connection.CloseCause;
import io.keyswitch.connection.ConnectConsent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The operator's approval as a consent: on a device whose rule (its own, else its project's) needs approval by a group,
 * a technician may connect — and stay connected — only while an approved request of theirs for that device holds the
 * present moment; otherwise Connect is refused and a live connection ends with {@link CloseCause#APPROVAL_WINDOW_ENDED}.
 * One indexed query per question (the rule and whether an approved window covers now); the words come from a second
 * one only when the answer is no.
 */
@ApplicationScoped
public class ApprovalConsent implements ConnectConsent {

    /** The rules of the device and its project (the device's first) and whether an approved window covers ?3. */
    private static final String DECISION = "SELECT r.mode, r.device_id, d.name,"
            + " (SELECT COUNT(*) FROM approval_request q WHERE q.user_id = ?2 AND q.device_id = d.id AND q.state = 'APPROVED'"
            + " AND q.window_end > ?3 AND q.window_start <= ?3)"
            + " FROM device d JOIN approval_rule r ON r.device_id = d.id OR r.project_id = d.project_id"
            + " WHERE d.id = ?1 ORDER BY r.device_id IS NULL LIMIT 1";

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    Clock clock;

    @Override
    public Optional<Refusal> refusal(long accountId, long userId, long deviceId) {
        Instant now = clock.instant();
        List<?> rows = em.createNativeQuery(DECISION).setParameter(1, deviceId).setParameter(2, userId)
                .setParameter(3, utc(now)).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        if (!ApprovalMode.GROUP.name().equals(r[0]) || ((Number) r[3]).longValue() > 0) {
            return Optional.empty();
        }
        return Optional.of(Refusal.ending(CloseCause.APPROVAL_WINDOW_ENDED, words((String) r[2], userId, deviceId, now)));
    }

    /** What the technician reads: what their latest request for the device says about now. */
    private String words(String device, long userId, long deviceId, Instant now) {
        List<ApprovalRequest> latest = em.createQuery("SELECT q FROM ApprovalRequest q WHERE q.userId = :u AND q.deviceId = :d"
                        + " ORDER BY q.id DESC", ApprovalRequest.class).setParameter("u", userId).setParameter("d", deviceId)
                .setMaxResults(1).getResultList();
        String ask = "Connections to " + device + " need an operator's approval: request approval first (Approvals).";
        if (latest.isEmpty()) {
            return ask;
        }
        ApprovalRequest q = latest.get(0);
        return switch (q.getState()) {
            case PENDING -> "Your request to connect to " + device + " waits for an approver's answer.";
            case APPROVED -> q.getWindowStart().isAfter(now)
                    ? "Your approved window for " + device + " starts at " + q.getWindowStart() + "."
                    : "Your approved window for " + device + " ended at " + q.getWindowEnd() + ": request approval again.";
            case ENDED -> "An approver ended your window for " + device + ": request approval again.";
            case REFUSED -> "Your request for " + device + " was refused: request approval again if needed.";
            case EXPIRED -> "Your request for " + device + " expired unanswered: request approval again.";
        };
    }

    private static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
