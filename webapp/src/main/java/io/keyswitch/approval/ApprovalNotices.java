package io.keyswitch.approval;

import io.keyswitch.appliance.ApplianceSettings;
import io.keyswitch.security.EmailLinkAuthenticator;
import io.keyswitch.sms.SmsSettingsStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * What people are told of a request, as messages to send after its commit: a new request goes to every active member
 * of the approvers' group (mail to those with an address; SMS to those with a phone number when an SMS gateway is
 * configured), an answer, an expiry or an early end to the technician. Each message carries a link to the request
 * page: it opens the portal's login, and only a person's click there answers a request.
 */
@ApplicationScoped
public class ApprovalNotices {

    private static final String MEMBERS = "SELECT u.email, u.phone FROM app_user u JOIN group_membership m ON m.user_id = u.id"
            + " WHERE m.group_id = ?1 AND u.account_id = ?2 AND u.status = 'ACTIVE' AND u.id <> ?3 ORDER BY u.id";
    private static final String TECHNICIAN = "SELECT u.email, u.phone FROM app_user u WHERE u.id = ?1 AND u.status = 'ACTIVE'";

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    EmailLinkAuthenticator links;

    @Inject
    ApplianceSettings appliance;

    @Inject
    SmsSettingsStore sms;

    /** One message: by mail (with a subject) or by SMS ({@code subject} null). */
    public record Message(String to, String subject, String text) {
        public boolean bySms() {
            return subject == null;
        }
    }

    /** The messages an event makes, read in a transaction of their own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Message> of(ApprovalChanged event) {
        ApprovalRequest q = em.find(ApprovalRequest.class, event.requestId());
        if (q == null) {
            return List.of();
        }
        String link = link(q);
        boolean smsOn = sms.load().configured();
        List<Message> out = new ArrayList<>();
        List<?> people = event.kind() == ApprovalChanged.Kind.REQUESTED
                ? (q.getUserGroupId() == null ? List.of() : em.createNativeQuery(MEMBERS).setParameter(1, q.getUserGroupId())
                        .setParameter(2, q.getAccountId()).setParameter(3, q.getUserId() == null ? -1L : q.getUserId())
                        .getResultList())
                : (q.getUserId() == null ? List.of() : em.createNativeQuery(TECHNICIAN).setParameter(1, q.getUserId()).getResultList());
        for (Object row : people) {
            Object[] person = (Object[]) row;
            String mail = (String) person[0];
            String phone = (String) person[1];
            if (mail != null && !mail.isBlank()) {
                out.add(new Message(mail.strip(), subject(q, event), mailText(q, event, link)));
            }
            if (smsOn && phone != null && !phone.isBlank()) {
                out.add(new Message(phone.strip(), null, smsText(q, event, link)));
            }
        }
        return out;
    }

    /** The request page: at the portal's public address (keyswitch.public-url, else the appliance's DNS name). */
    private String link(ApprovalRequest q) {
        String base = links.publicUrl() != null ? links.publicUrl() : appliance.publicUrl().orElse(null);
        String page = "approvals.xhtml?request=" + q.getId();
        return base == null ? "the portal's page Approvals (" + page + ")" : base + page;
    }

    static String subject(ApprovalRequest q, ApprovalChanged event) {
        return switch (event.kind()) {
            case REQUESTED -> "Approval asked: " + q.getUserName() + " wants to connect to " + q.getDeviceName();
            case APPROVED -> "Approved: your connection to " + q.getDeviceName();
            case REFUSED -> "Refused: your connection to " + q.getDeviceName();
            case EXPIRED -> "Expired: your request for " + q.getDeviceName();
            case ENDED -> "Ended: your connection to " + q.getDeviceName();
        };
    }

    static String mailText(ApprovalRequest q, ApprovalChanged event, String link) {
        String head = switch (event.kind()) {
            case REQUESTED -> q.getUserName() + " asks to connect to " + q.getDeviceName() + " from " + q.wanted().start()
                    + " for " + q.getWantedMinutes() + " minutes (UTC).\nReason: " + q.getReason()
                    + (q.getOrderNumber() == null ? "" : "\nOrder number: " + q.getOrderNumber())
                    + "\n\nPlease answer by " + q.getExpiresAt() + " (UTC), else the request expires. Log in to approve"
                    + " or refuse it; this mail answers nothing by itself:";
            case APPROVED -> event.by() + " approved your connection to " + q.getDeviceName() + " from " + q.getWindowStart()
                    + " to " + q.getWindowEnd() + " (UTC). The connection is closed when the window ends."
                    + comment(event);
            case REFUSED -> event.by() + " refused your connection to " + q.getDeviceName() + "." + comment(event);
            case EXPIRED -> "Nobody answered your request to connect to " + q.getDeviceName() + " by " + q.getExpiresAt()
                    + " (UTC): it expired. Request approval again if you still need it.";
            case ENDED -> event.by() + " ended your approved window for " + q.getDeviceName() + "; your connection to it"
                    + " is closed." + comment(event);
        };
        return head + "\n\n" + link + "\n";
    }

    static String smsText(ApprovalRequest q, ApprovalChanged event, String link) {
        return "Keyswitch: " + subject(q, event) + ". " + link;
    }

    private static String comment(ApprovalChanged event) {
        return event.comment() == null ? "" : "\nComment: " + event.comment();
    }
}
