package io.keyswitch.security;

import io.keyswitch.audit.AuditEntry;
import io.keyswitch.platform.PortalPrincipal;
import io.keyswitch.platform.Actor;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.audit.Outcome;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.security.internal.JpaRecoveryCodeStore;
import io.keyswitch.security.internal.JpaTotpStepStore;
import io.keyswitch.security.internal.TotpSecretCipher;
import io.keyswitch.security.totp.OtpAuthUri;
import io.keyswitch.security.totp.QrCodePng;
import io.keyswitch.security.totp.RecoveryCodes;
import io.keyswitch.security.totp.TotpGenerator;
import io.keyswitch.security.totp.TotpSecret;
import io.keyswitch.security.totp.TotpSettings;
import io.keyswitch.security.totp.TotpVerification;
import io.keyswitch.security.totp.TotpVerifier;
import io.keyswitch.platform.Rights;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * The authenticator app (TOTP) as the portal uses it: enrolment with a QR code and a first code,
 * the check at login with replay refusal, the recovery codes, and the administrator's reset.
 * Secrets are kept AES-GCM encrypted ({@link TotpSecretCipher}); settings are {@code keyswitch.totp.*}.
 */
@ApplicationScoped
public class TotpAuthenticator {

    private static final Logger LOG = Logger.getLogger(TotpAuthenticator.class.getName());

    @Inject
    io.keyswitch.user.UserAdministration users;

    @Inject
    JpaTotpStepStore steps;

    @Inject
    JpaRecoveryCodeStore recoveryStore;

    @Inject
    AuditTrail audit;

    @Inject
    SecretsAtRest secrets;

    @Inject
    Clock clock;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    private final SecureRandom random = new SecureRandom();
    private TotpSettings settings;
    private TotpVerifier verifier;
    private RecoveryCodes recoveryCodes;

    /** A new secret on its way to the user: shown once as a QR code and as text, kept only when confirmed. */
    public record Enrolment(String secret, String qrCode, String uri) implements Serializable {

        public String getSecret() {
            return secret;
        }

        /** The QR code as a {@code data:} URI, rendered by the portal. */
        public String getQrCode() {
            return qrCode;
        }

        /** The secret in groups of four, for typing into an app by hand. */
        public String getSecretGrouped() {
            return secret.replaceAll("(.{4})(?!$)", "$1 ");
        }
    }

    @PostConstruct
    void init() {
        settings = TotpSettings.from(SettingsReader.portalLookup());
        verifier = new TotpVerifier(settings, steps, clock);
        recoveryCodes = new RecoveryCodes(recoveryStore, random);
        LOG.info("TOTP: " + settings.algorithm() + ", " + settings.digits() + " digits every " + settings.periodSeconds()
                + " s, ±" + settings.driftSteps() + " step(s) accepted, issuer '" + settings.issuer() + "'.");
    }

    public TotpSettings settings() {
        return settings;
    }

    /** Starts an enrolment: a fresh secret, its otpauth URI and the QR code. Nothing is stored yet. */
    public Enrolment begin(PortalPrincipal user) {
        TotpSecret secret = TotpSecret.generate(random);
        String uri = OtpAuthUri.of(settings, user.qualifiedName(), secret);
        return new Enrolment(secret.base32(), QrCodePng.dataUri(uri), uri);
    }

    /** Whether the user has a confirmed authenticator. */
    public boolean enrolled(long userId) {
        return !em.createNativeQuery("SELECT 1 FROM totp_enrolment WHERE user_id = ?1")
                .setParameter(1, userId).getResultList().isEmpty();
    }

    /**
     * Confirms an enrolment with the first code from the app: keeps the secret (encrypted), makes
     * a new set of recovery codes and audits it ({@code totp.enrol}). A code that does not fit
     * keeps nothing.
     *
     * @return the recovery codes in clear, to show once; empty if the code did not fit
     */
    @Transactional
    public Optional<List<String>> confirm(PortalPrincipal user, Enrolment enrolment, String code, String sourceIp) {
        TotpSecret secret = TotpSecret.ofBase32(enrolment.secret());
        OptionalLong step = matchingStep(secret, code);
        if (step.isEmpty()) {
            return Optional.empty();
        }
        String key = Long.toString(user.userId());
        steps.forget(key);
        steps.advanceTo(key, step.getAsLong());
        TotpSecretCipher c = cipher();
        em.createNativeQuery("DELETE FROM totp_enrolment WHERE user_id = ?1").setParameter(1, user.userId()).executeUpdate();
        em.createNativeQuery("INSERT INTO totp_enrolment (user_id, secret_enc, key_id, enrolled_at) VALUES (?1, ?2, ?3, UTC_TIMESTAMP(3))")
                .setParameter(1, user.userId()).setParameter(2, c.encrypt(key, secret)).setParameter(3, c.keyId())
                .executeUpdate();
        List<String> codes = recoveryCodes.generate(key);
        audit.record(AuditEntry.self(user, AuditAction.TOTP_ENROL, Outcome.SUCCESS, sourceIp)
                .withDetails(codes.size() + " recovery codes issued"));
        return Optional.of(codes);
    }

    /** Checks a code at login; an accepted code is never accepted again. */
    public TotpVerification verify(long userId, String code) {
        List<?> rows = em.createNativeQuery("SELECT secret_enc, key_id FROM totp_enrolment WHERE user_id = ?1")
                .setParameter(1, userId).getResultList();
        if (rows.isEmpty()) {
            return TotpVerification.REJECTED;
        }
        Object[] row = (Object[]) rows.get(0);
        String key = Long.toString(userId);
        TotpSecret secret = cipher().decrypt(key, (byte[]) row[0], (String) row[1]);
        return verifier.verify(key, secret, code);
    }

    /** Accepts one of the user's unused recovery codes, once. */
    public boolean redeemRecoveryCode(long userId, String code) {
        return recoveryCodes.redeem(Long.toString(userId), code);
    }

    public int remainingRecoveryCodes(long userId) {
        return recoveryCodes.remaining(Long.toString(userId));
    }

    /**
     * Removes a user's authenticator and recovery codes (the phone is lost); audited as
     * {@code totp.reset} with the administrator and the reason. The administrator must hold every right the
     * user has, and be a system administrator to reset one ({@code RightsCeiling}): otherwise whoever may
     * reset factors could take over a stronger user.
     *
     * @param user a user of the administrator's account
     * @return whether the user had one
     * @throws io.keyswitch.platform.Forbidden unless the administrator holds {@value Rights#SETTINGS_MANAGE} or is a system
     *     administrator, and may change this user
     * @throws io.keyswitch.platform.ValidationFailed for a missing reason (field {@code reason})
     */
    @Transactional
    public boolean reset(Actor admin, io.keyswitch.user.User user, String reason) {
        admin.requireAny(Rights.SETTINGS_MANAGE, Rights.ACCOUNT_MANAGE);
        String why = Actor.requireReason(reason);
        if (!user.getAccount().getId().equals(admin.accountId())) {
            throw new io.keyswitch.platform.NotFound("user");
        }
        users.requireMayChange(admin, user);
        long userId = user.getId();
        String key = Long.toString(userId);
        int removed = em.createNativeQuery("DELETE FROM totp_enrolment WHERE user_id = ?1")
                .setParameter(1, userId).executeUpdate();
        steps.forget(key);
        recoveryStore.replaceAll(key, List.of());
        audit.record(AuditEntry.change(admin, AuditAction.TOTP_RESET, "user:" + user.getUsername(),
                Changes.of().field("authenticator", removed == 1 ? "enrolled, with recovery codes" : "none", "none"), why));
        return removed == 1;
    }

    /** The step whose code this is, within the allowed drift, for confirming an enrolment. */
    private OptionalLong matchingStep(TotpSecret secret, String typed) {
        if (typed == null) {
            return OptionalLong.empty();
        }
        byte[] code = typed.replace(" ", "").getBytes(StandardCharsets.US_ASCII);
        TotpGenerator generator = new TotpGenerator(settings);
        long now = generator.timeStep(clock.instant());
        for (long s = now - settings.driftSteps(); s <= now + settings.driftSteps(); s++) {
            if (MessageDigest.isEqual(generator.codeForStep(secret, s).getBytes(StandardCharsets.US_ASCII), code)) {
                return OptionalLong.of(s);
            }
        }
        return OptionalLong.empty();
    }

    private TotpSecretCipher cipher() {
        return secrets.cipher();
    }
}
