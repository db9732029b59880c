package io.keyswitch.security;

import io.keyswitch.platform.AdminRights;
import io.keyswitch.security.internal.AuditingJailListener;
import io.keyswitch.jail.Ban;
import io.keyswitch.jail.BanKind;
import io.keyswitch.jail.LoginJail;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.apache.shiro.authz.AuthorizationException;

/**
 * The administrator's view of the login jail: the bans in force, and lifting one before its end.
 * Bans are appliance-wide (they name addresses and user names of every account), so only a system
 * administrator may do either ({@link AdminRights#applianceAdmin()}); a lift needs a reason and is
 * audited ({@code jail.lift}) by the jail's listener.
 */
@ApplicationScoped
public class JailAdministration {

    @Inject
    LoginJail jail;

    /** Whether the signed-in user may see and lift bans: a system administrator. */
    public boolean mayAdminister() {
        return AdminRights.applianceAdmin();
    }

    /** The bans in force now, oldest first. */
    public List<Ban> activeBans() {
        requireRight();
        return jail.activeBans();
    }

    /**
     * Lifts a ban and audits it with the signed-in administrator, their address and the reason.
     *
     * @return the lifted ban, or empty if it had already ended
     * @throws IllegalArgumentException if the reason is blank
     */
    public Optional<Ban> lift(BanKind kind, String subject, String reason, String sourceIp) {
        requireRight();
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Please give a reason.");
        }
        return AuditingJailListener.liftReason(new AuditingJailListener.Lift(sourceIp, reason.strip()),
                () -> jail.lift(kind, subject));
    }

    private void requireRight() {
        if (!mayAdminister()) {
            throw new AuthorizationException("Managing login bans needs the right " + Rights.ACCOUNT_MANAGE
                    + " (system administrators)");
        }
    }
}
