package io.keyswitch.security.web;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.security.PortalPrincipal;
import io.keyswitch.security.internal.PortalSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.logging.Logger;

/**
 * The system-use notification shown on the login page before anyone logs in (IEC 62443-3-3
 * SR 1.12). Set on the page "Login notice" (appliance-wide setting {@value #SETTING}, audited);
 * until then the start value {@value #KEY} of MicroProfile Config; empty (nothing shown) by
 * default. Plain text, escaped on the page; line breaks are kept.
 */
@ApplicationScoped
public class LoginNotice {

    public static final String KEY = "keyswitch.login.notice";
    public static final String SETTING = "login.notice";
    public static final int MAX_LENGTH = 2000;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    private String configured;

    @PostConstruct
    void init() {
        String value = PortalSettings.lookup().apply(KEY);
        configured = value == null ? "" : value.strip().replace("\\n", "\n");
        Logger.getLogger(LoginNotice.class.getName()).info(configured.isEmpty()
                ? "Login page: no system-use notification from " + KEY + " (the page Login notice may set one)."
                : "Login page: a system-use notification of " + configured.length() + " characters from " + KEY
                        + " (the page Login notice may replace it).");
    }

    /** The notice from MicroProfile Config, used while the page has not set one. */
    public String startValue() {
        return configured;
    }

    /** The notice to show now; empty for none. */
    public String text() {
        List<?> rows = em.createNativeQuery("SELECT setting_value FROM setting WHERE scope_id = 0 AND setting_key = ?1")
                .setParameter(1, SETTING).getResultList();
        return rows.isEmpty() ? configured : (String) rows.get(0);
    }

    /** Replaces the notice (blank: none) and audits it ({@code settings.login-notice}, before and after). */
    @Transactional
    public void change(String text, PortalPrincipal admin, String reason, String sourceIp) {
        io.keyswitch.security.AdminRights.requireApplianceAdmin();
        String before = text();
        String after = text == null ? "" : text.strip();
        em.createNativeQuery("INSERT INTO setting (scope_id, setting_key, setting_value, updated_at) "
                + "VALUES (0, ?1, ?2, UTC_TIMESTAMP(3)) "
                + "ON DUPLICATE KEY UPDATE setting_value = VALUES(setting_value), updated_at = VALUES(updated_at)")
                .setParameter(1, SETTING).setParameter(2, after).executeUpdate();
        audit.record(admin.entry(AuditAction.SETTINGS_LOGIN_NOTICE, Outcome.SUCCESS, sourceIp).on("login page")
                .withDetails("before: \"" + before + "\"; after: \"" + after + "\"").because(reason));
    }
}
