package io.keyswitch.security;

import io.keyswitch.platform.Actor;
import io.keyswitch.security.internal.AuditingJailListener;
import io.keyswitch.jail.Ban;
import io.keyswitch.jail.BanKind;
import io.keyswitch.jail.LoginJail;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The administrator's view of the login jail: the bans in force, and lifting one before its end.
 * Bans are appliance-wide (they name addresses and user names of every account), so only a system
 * administrator ({@value Rights#ACCOUNT_MANAGE}) may do either; a lift needs a reason and is
 * audited ({@code jail.lift}) by the jail's listener.
 */
@ApplicationScoped
public class JailAdministration {

    @Inject
    LoginJail jail;

    /**
     * The bans in force now, oldest first.
     *
     * @throws io.keyswitch.platform.Forbidden unless the actor is a system administrator
     */
    public List<Ban> activeBans(Actor actor) {
        actor.require(Rights.ACCOUNT_MANAGE);
        return jail.activeBans();
    }

    /**
     * Lifts a ban and audits it with the actor and the reason.
     *
     * @return the lifted ban, or empty if it had already ended
     * @throws io.keyswitch.platform.Forbidden unless the actor is a system administrator
     * @throws io.keyswitch.platform.ValidationFailed for a missing reason (field {@code reason})
     */
    public Optional<Ban> lift(Actor actor, BanKind kind, String subject, String reason) {
        actor.require(Rights.ACCOUNT_MANAGE);
        String why = Actor.requireReason(reason);
        return AuditingJailListener.liftReason(new AuditingJailListener.Lift(actor, why), () -> jail.lift(kind, subject));
    }
}
