package io.keyswitch.security;

import io.keyswitch.platform.PortalPrincipal;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.sms.internal.ConfiguredSmsGateway;
import io.keyswitch.security.internal.JpaSmsCodeStore;
import io.keyswitch.security.sms.SmsCodes;
import io.keyswitch.sms.SmsDeliveryException;
import io.keyswitch.sms.SmsGateway;
import io.keyswitch.user.User;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The SMS code as a second factor: six random digits sent to the user's phone number through the
 * gateway of the page "SMS gateway", valid a few minutes ({@value SmsCodes#KEY_VALIDITY}), used
 * once, void after {@value SmsCodes#KEY_ATTEMPTS} tries. The code completes only the login
 * waiting in the same browser session. A voice call would be the same role ({@link SmsGateway});
 * none is bundled.
 */
@ApplicationScoped
public class SmsCodeAuthenticator {

    private static final Logger LOG = Logger.getLogger(SmsCodeAuthenticator.class.getName());

    @Inject
    JpaSmsCodeStore store;

    @Inject
    ConfiguredSmsGateway gateway;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    private SmsCodes codes;

    /** How sending a code ended. */
    public enum Sent {
        /** On its way. */
        SENT,
        /** A code was sent less than {@link SmsCodes#RESEND_INTERVAL} ago and is still valid: nothing sent. */
        TOO_SOON
    }

    @PostConstruct
    void init() {
        SmsCodes.Settings settings = SmsCodes.Settings.from(SettingsReader.portalLookup());
        codes = new SmsCodes(store, settings, clock, new SecureRandom());
        LOG.info("SMS code: " + SmsCodes.DIGITS + " digits, valid " + settings.validity().toSeconds() + " s, "
                + settings.attempts() + " tries, a new code at most every " + SmsCodes.RESEND_INTERVAL.toSeconds()
                + " s per user; the gateway is chosen on the page SMS gateway.");
    }

    public SmsCodes.Settings settings() {
        return codes.settings();
    }

    /** Whether the user can get a code: a gateway is chosen and the user has a phone number. */
    public boolean availableFor(long userId) {
        return phone(userId).isPresent() && gateway.configured();
    }

    /** The last two digits of the user's number, for "sent to the number ending in 23". */
    public String numberEnding(long userId) {
        String digits = phone(userId).orElse("").replaceAll("[^0-9]", "");
        return digits.length() < 2 ? digits : digits.substring(digits.length() - 2);
    }

    /**
     * Sends a new code for the login in progress (voiding the user's earlier one) and audits it
     * ({@code login.sms}). The code goes into the SMS and nowhere else.
     *
     * @throws SmsDeliveryException if the gateway did not take it (the code is void then)
     */
    public Sent send(PendingLogin pending, String sourceIp) {
        PortalPrincipal p = pending.principal();
        String to = phone(p.userId()).orElseThrow(() -> new IllegalStateException("The user has no phone number"));
        String key = Long.toString(p.userId());
        Optional<SmsCodes.Issued> issued = codes.issue(key);
        if (issued.isEmpty()) {
            return Sent.TOO_SOON;
        }
        try {
            gateway.send(to, "Your Keyswitch login code is " + issued.get().code() + ". It is valid for "
                    + Math.max(1, codes.settings().validity().toMinutes()) + " minutes. Never tell it to anyone.");
        } catch (SmsDeliveryException | IllegalArgumentException e) {
            codes.discard(key);
            audit.record(pending.entry(AuditAction.LOGIN_SMS, Outcome.FAILURE, sourceIp)
                    .withDetails("login code not sent: " + e.getMessage()));
            throw e instanceof SmsDeliveryException d ? d : new SmsDeliveryException(e.getMessage(), e);
        }
        audit.record(pending.entry(AuditAction.LOGIN_SMS, Outcome.SUCCESS, sourceIp)
                .withDetails("login code sent by SMS to the number ending in " + numberEnding(p.userId())));
        return Sent.SENT;
    }

    /** One try of a typed code for the user. */
    public SmsCodes.Check check(long userId, String typed) {
        return codes.check(Long.toString(userId), typed);
    }

    /** Deletes expired codes; for the scheduled housekeeping. */
    public int deleteExpired() {
        return codes.deleteExpired();
    }

    private Optional<String> phone(long userId) {
        User user = em.find(User.class, userId);
        return Optional.ofNullable(user).map(User::getPhone).filter(n -> !n.isBlank());
    }
}
