package io.keyswitch.platform;

import org.apache.shiro.SecurityUtils;
import org.apache.shiro.subject.Subject;

/**
 * Who may administer login security. Appliance-wide settings (the login jail's bans, the SMTP
 * account, the SMS gateway, the login notice) concern every account, so only system
 * administrators may see or change them: they alone hold {@value Rights#ACCOUNT_MANAGE}, which no
 * group can give. An account's own second-factor policy is also for holders of
 * {@value Rights#SETTINGS_MANAGE} in that account.
 */
public final class AdminRights {

    /** The role the realm gives system administrators. */
    public static final String SYSTEM_ADMIN_ROLE = "system-admin";

    private AdminRights() {
    }

    /** Whether the signed-in user may change appliance-wide settings: a system administrator. */
    public static boolean applianceAdmin() {
        Subject subject = SecurityUtils.getSubject();
        return subject.isAuthenticated() && subject.isPermitted(Rights.ACCOUNT_MANAGE);
    }

    /** Whether the signed-in user may manage their own account's login security (second-factor policy, resets). */
    public static boolean accountSecurityAdmin() {
        Subject subject = SecurityUtils.getSubject();
        return subject.isAuthenticated()
                && (subject.hasRole(SYSTEM_ADMIN_ROLE) || subject.isPermitted(Rights.SETTINGS_MANAGE));
    }
}
