package io.keyswitch.security;

import io.keyswitch.platform.PortalPrincipal;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.mail.MailSender;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.security.internal.JpaEmailLinkTokenStore;
import io.keyswitch.security.maillink.EmailLinkToken;
import io.keyswitch.security.maillink.EmailLinkTokens;
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
 * The e-mail link as a second factor: a single-use link (valid {@code keyswitch.mail-link.validity},
 * 10 minutes by default) mailed to the user's address. The link completes only the login waiting
 * in the same browser session, so a link alone signs nobody in.
 */
@ApplicationScoped
public class EmailLinkAuthenticator {

    /** Where links point: the portal's public address, e.g. {@code https://portal.example.com/}. */
    public static final String KEY_PUBLIC_URL = "keyswitch.public-url";

    private static final Logger LOG = Logger.getLogger(EmailLinkAuthenticator.class.getName());

    /** A user gets at most one link mail in this time (a click loop cannot flood their mailbox or the relay). */
    public static final java.time.Duration RESEND_INTERVAL = java.time.Duration.ofSeconds(30);

    /** How sending a link ended. */
    public enum Sent {
        /** On its way. */
        SENT,
        /** A link was mailed less than {@link #RESEND_INTERVAL} ago: nothing sent. */
        TOO_SOON
    }

    @Inject
    JpaEmailLinkTokenStore store;

    @Inject
    MailSender mail;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    io.keyswitch.appliance.ApplianceSettings appliance;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    private EmailLinkTokens tokens;
    private String publicUrl;

    @PostConstruct
    void init() {
        tokens = new EmailLinkTokens(store, EmailLinkTokens.validityFrom(SettingsReader.portalLookup()), clock, new SecureRandom());
        publicUrl = SettingsReader.portal().optionalText(KEY_PUBLIC_URL).map(url -> url.endsWith("/") ? url : url + "/").orElse(null);
        LOG.info("E-mail link: links point to " + (publicUrl == null
                ? "the address the login came to (" + KEY_PUBLIC_URL + " is not set)" : publicUrl) + ".");
    }

    /** Where links point, or {@code null} for the address each login came to. */
    public String publicUrl() {
        return publicUrl;
    }

    /** Whether the user can get a link: an SMTP account is configured and the user has an address. */
    public boolean availableFor(long userId) {
        return address(userId).isPresent() && mail.configured();
    }

    /**
     * Mails a new link (voiding the user's earlier one) and audits it ({@code login.mail-link}); at most one per
     * {@link #RESEND_INTERVAL} and user (the user's row is locked meanwhile, so two clicks at once send one mail).
     *
     * @param localBase the portal's own address the connection came to ({@code https://<local address>:<port>/}),
     *     used unless {@value #KEY_PUBLIC_URL} or the appliance's DNS name (setup wizard, page DNS name) is set;
     *     never the request's {@code Host} header, which the client chooses
     */
    @jakarta.transaction.Transactional
    public Sent send(PendingLogin pending, String localBase, String sourceIp) {
        PortalPrincipal p = pending.principal();
        em.find(User.class, p.userId(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        String to = address(p.userId()).orElseThrow(() -> new IllegalStateException("The user has no e-mail address"));
        java.time.Instant lastIssued = lastIssued(p.userId());
        if (lastIssued != null && clock.instant().isBefore(lastIssued.plus(RESEND_INTERVAL))) {
            return Sent.TOO_SOON;
        }
        EmailLinkToken token = tokens.issue(Long.toString(p.userId()));
        String base = publicUrl != null ? publicUrl : appliance.publicUrl().orElse(localBase);
        mail.send(to, "Your Keyswitch login link", """
                Hello %s,

                to finish logging in to Keyswitch as %s, open this link in the same browser:

                %smail-link.xhtml?token=%s

                The link works once, until %s (UTC). If you did not just log in, tell your administrator:
                someone knows your password.
                """.formatted(p.fullName(), p.qualifiedName(), base, token.token(), token.expiresAt()));
        audit.record(pending.entry(AuditAction.LOGIN_MAIL_LINK, Outcome.SUCCESS, sourceIp).withDetails("login link mailed"));
        return Sent.SENT;
    }

    /** When the user's live link was issued (its expiry less the validity), or {@code null}. */
    private java.time.Instant lastIssued(long userId) {
        java.util.List<?> rows = em.createNativeQuery("SELECT expires_at FROM email_link_token WHERE user_key = ?1")
                .setParameter(1, Long.toString(userId)).getResultList();
        if (rows.isEmpty() || rows.get(0) == null) {
            return null;
        }
        Object value = rows.get(0);
        java.time.Instant expires = value instanceof java.sql.Timestamp t
                ? t.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC)
                : ((java.time.LocalDateTime) value).toInstant(java.time.ZoneOffset.UTC);
        return expires.minus(tokens.validity());
    }

    /** The user id the link was issued for, once, within its validity. */
    public Optional<Long> redeem(String token) {
        return tokens.redeem(token).map(Long::valueOf);
    }

    /** Deletes expired links; for the scheduled housekeeping. */
    public int deleteExpired() {
        return tokens.deleteExpired();
    }

    private Optional<String> address(long userId) {
        User user = em.find(User.class, userId);
        return Optional.ofNullable(user).map(User::getEmail).filter(e -> !e.isBlank());
    }
}
