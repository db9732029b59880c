package io.keyswitch.security;

import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.platform.SettingRepository;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.platform.PortalPrincipal;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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

    @Inject
    SettingRepository settings;

    @Inject
    AuditTrail audit;

    private String configured;

    @PostConstruct
    void init() {
        configured = SettingsReader.portal().text(KEY, "").replace("\\n", "\n");
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
        return settings.find(SettingRepository.APPLIANCE, SETTING).orElse(configured);
    }

    /** Replaces the notice (blank: none) and audits it ({@code settings.login-notice}, before and after). */
    @Transactional
    public void change(String text, PortalPrincipal admin, String reason, String sourceIp) {
        io.keyswitch.platform.AdminRights.requireApplianceAdmin();
        String before = text();
        String after = text == null ? "" : text.strip();
        settings.put(SettingRepository.APPLIANCE, SETTING, after);
        audit.record(AuditEntry.self(admin, AuditAction.SETTINGS_LOGIN_NOTICE, Outcome.SUCCESS, sourceIp).on("login page")
                .withDetails("before: \"" + before + "\"; after: \"" + after + "\"").because(reason));
    }
}
