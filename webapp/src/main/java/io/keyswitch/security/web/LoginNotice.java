package io.keyswitch.security.web;

import io.keyswitch.security.internal.PortalSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;

/**
 * The system-use notification shown on the login page before anyone logs in (IEC 62443-3-3
 * SR 1.12), from the setting {@value #KEY}; empty (nothing shown) by default. Plain text; a
 * {@code \n} starts a new line.
 */
@ApplicationScoped
public class LoginNotice {

    public static final String KEY = "keyswitch.login.notice";

    private String text;

    @PostConstruct
    void init() {
        String value = PortalSettings.lookup().apply(KEY);
        text = value == null ? "" : value.strip().replace("\\n", "\n");
        Logger.getLogger(LoginNotice.class.getName()).info(text.isEmpty()
                ? "Login page: no system-use notification (" + KEY + " is not set)."
                : "Login page: shows a system-use notification of " + text.length() + " characters (" + KEY + ").");
    }

    public String text() {
        return text;
    }
}
