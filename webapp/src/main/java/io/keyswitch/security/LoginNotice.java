package io.keyswitch.security;

import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.platform.SettingRepository;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
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

    /**
     * Replaces the notice (blank: none) and audits it ({@code settings.login-notice}, before and after as JSON).
     *
     * @throws io.keyswitch.platform.Forbidden unless the actor is a system administrator ({@value Rights#ACCOUNT_MANAGE})
     * @throws ValidationFailed for a notice over {@value #MAX_LENGTH} characters (field {@code text}) or a missing reason
     */
    @Transactional
    public void change(Actor actor, String text, String reason) {
        actor.require(Rights.ACCOUNT_MANAGE);
        String after = text == null ? "" : text.strip();
        if (after.length() > MAX_LENGTH) {
            throw ValidationFailed.of("text", "At most " + MAX_LENGTH + " characters, please.");
        }
        String why = Actor.requireReason(reason);
        String before = text();
        settings.put(SettingRepository.APPLIANCE, SETTING, after);
        audit.record(AuditEntry.change(actor, AuditAction.SETTINGS_LOGIN_NOTICE, "login page", Changes.of().field("notice", before, after), why));
    }
}
