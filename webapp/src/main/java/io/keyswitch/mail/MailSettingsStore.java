package io.keyswitch.mail;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.security.Actor;
import io.keyswitch.security.SecretsAtRest;
import io.keyswitch.user.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Reads and changes the SMTP account in the {@code setting} table (scope 0: the appliance). The
 * password is kept AES-256-GCM encrypted with the portal's key ({@link SecretsAtRest}); the other
 * values are not secret and stay readable.
 */
@ApplicationScoped
public class MailSettingsStore {

    private static final Logger LOG = Logger.getLogger(MailSettingsStore.class.getName());

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    SecretsAtRest secrets;

    public SmtpSettings load() {
        Map<String, String> values = new HashMap<>();
        List<?> rows = em.createNativeQuery(
                "SELECT setting_key, setting_value FROM setting WHERE scope_id = 0 AND setting_key LIKE 'mail.%'")
                .getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            values.put((String) r[0], (String) r[1]);
        }
        SmtpSettings d = SmtpSettings.none();
        int port;
        try {
            port = Integer.parseInt(values.getOrDefault(SmtpSettings.KEY_PORT, Integer.toString(d.port())));
        } catch (NumberFormatException e) {
            port = d.port();
        }
        SmtpSettings.Security security;
        try {
            security = SmtpSettings.Security.valueOf(values.getOrDefault(SmtpSettings.KEY_SECURITY, d.security().name()));
        } catch (IllegalArgumentException e) {
            security = d.security();
        }
        String password;
        try {
            password = secrets.open(SmtpSettings.KEY_PASSWORD, values.getOrDefault(SmtpSettings.KEY_PASSWORD, ""));
        } catch (IllegalStateException e) {
            // Another key or a changed value: say so (without the value) and treat it as not set,
            // so the page asks for the password again instead of failing.
            LOG.warning("The stored SMTP password cannot be used: " + e.getMessage());
            password = "";
        }
        return new SmtpSettings(values.getOrDefault(SmtpSettings.KEY_HOST, ""), port, security,
                values.getOrDefault(SmtpSettings.KEY_USER, ""), password,
                values.getOrDefault(SmtpSettings.KEY_FROM, ""));
    }

    /**
     * Saves the account and audits it ({@code settings.mail}, before and after without the password).
     * Only a system administrator may: the account serves every account of the appliance.
     *
     * @param settings a blank password keeps the stored one
     * @throws io.keyswitch.platform.Forbidden unless the actor holds {@value Rights#ACCOUNT_MANAGE}
     * @throws io.keyswitch.platform.ValidationFailed for a missing reason
     */
    @Transactional
    public void save(SmtpSettings settings, Actor actor, String reason) {
        actor.require(Rights.ACCOUNT_MANAGE);
        String why = Actor.requireReason(reason);
        SmtpSettings before = load();
        String password = settings.password() == null || settings.password().isEmpty() ? before.password() : settings.password();
        put(SmtpSettings.KEY_HOST, settings.host().strip());
        put(SmtpSettings.KEY_PORT, Integer.toString(settings.port()));
        put(SmtpSettings.KEY_SECURITY, settings.security().name());
        put(SmtpSettings.KEY_USER, settings.user() == null ? "" : settings.user().strip());
        put(SmtpSettings.KEY_PASSWORD, secrets.seal(SmtpSettings.KEY_PASSWORD, password));
        put(SmtpSettings.KEY_FROM, settings.from().strip());
        SmtpSettings after = load();
        audit.record(actor.entry(AuditAction.SETTINGS_MAIL, Outcome.SUCCESS).on("smtp")
                .withDetails("before: " + before.describe() + "; after: " + after.describe()
                        + (password.equals(before.password()) ? "" : "; password changed")).because(why));
    }

    /**
     * Encrypts a password an earlier version stored in clear; run at start. Not audited as a
     * change: the value stays the same.
     */
    @Transactional
    public void encryptClearPassword() {
        List<?> rows = em.createNativeQuery("SELECT setting_value FROM setting WHERE scope_id = 0 AND setting_key = ?1")
                .setParameter(1, SmtpSettings.KEY_PASSWORD).getResultList();
        if (rows.isEmpty()) {
            return;
        }
        String stored = (String) rows.get(0);
        if (!stored.isEmpty() && !io.keyswitch.security.internal.TotpSecretCipher.isSealed(stored)) {
            put(SmtpSettings.KEY_PASSWORD, secrets.seal(SmtpSettings.KEY_PASSWORD, stored));
            LOG.info("The SMTP password stored in clear by an earlier version is now encrypted.");
        }
    }

    private void put(String key, String value) {
        em.createNativeQuery("INSERT INTO setting (scope_id, setting_key, setting_value, updated_at) "
                + "VALUES (0, ?1, ?2, UTC_TIMESTAMP(3)) "
                + "ON DUPLICATE KEY UPDATE setting_value = VALUES(setting_value), updated_at = VALUES(updated_at)")
                .setParameter(1, key).setParameter(2, value).executeUpdate();
    }
}
