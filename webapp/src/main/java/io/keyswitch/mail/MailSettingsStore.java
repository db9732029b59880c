package io.keyswitch.mail;

import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads and changes the SMTP account in the {@code setting} table (scope 0: the appliance). */
@ApplicationScoped
public class MailSettingsStore {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

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
        return new SmtpSettings(values.getOrDefault(SmtpSettings.KEY_HOST, ""), port, security,
                values.getOrDefault(SmtpSettings.KEY_USER, ""), values.getOrDefault(SmtpSettings.KEY_PASSWORD, ""),
                values.getOrDefault(SmtpSettings.KEY_FROM, ""));
    }

    /**
     * Saves the account and audits it ({@code settings.mail}, before and after without the password).
     *
     * @param settings a blank password keeps the stored one
     */
    @Transactional
    public void save(SmtpSettings settings, Long accountId, String actor, Long actorUserId, String reason, String sourceIp) {
        SmtpSettings before = load();
        String password = settings.password() == null || settings.password().isEmpty() ? before.password() : settings.password();
        put(SmtpSettings.KEY_HOST, settings.host().strip());
        put(SmtpSettings.KEY_PORT, Integer.toString(settings.port()));
        put(SmtpSettings.KEY_SECURITY, settings.security().name());
        put(SmtpSettings.KEY_USER, settings.user() == null ? "" : settings.user().strip());
        put(SmtpSettings.KEY_PASSWORD, password);
        put(SmtpSettings.KEY_FROM, settings.from().strip());
        SmtpSettings after = load();
        audit.record(new AuditEntry(accountId, actor, actorUserId, sourceIp, "settings.mail", "smtp", Outcome.SUCCESS,
                "before: " + before.describe() + "; after: " + after.describe()
                        + (password.equals(before.password()) ? "" : "; password changed"), reason));
    }

    private void put(String key, String value) {
        em.createNativeQuery("INSERT INTO setting (scope_id, setting_key, setting_value, updated_at) "
                + "VALUES (0, ?1, ?2, UTC_TIMESTAMP(3)) "
                + "ON DUPLICATE KEY UPDATE setting_value = VALUES(setting_value), updated_at = VALUES(updated_at)")
                .setParameter(1, key).setParameter(2, value).executeUpdate();
    }
}
