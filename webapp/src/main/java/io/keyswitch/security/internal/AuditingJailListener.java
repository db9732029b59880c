package io.keyswitch.security.internal;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.audit.Outcome;
import io.keyswitch.jail.Ban;
import io.keyswitch.jail.JailListener;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.PortalPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.UnavailableSecurityManagerException;

/**
 * Writes an audit event for every ban ({@code jail.ban}) and every lift ({@code jail.lift}).
 * Bans are appliance-wide, so both go to the chain outside any account. The lift is told on the
 * administrator's request thread: the actor and the reason are the ones {@link #liftReason} holds for
 * this thread; the details say which ban ended, as JSON.
 */
@ApplicationScoped
public class AuditingJailListener implements JailListener {

    private static final ThreadLocal<Lift> LIFT = new ThreadLocal<>();

    /** Who lifts a ban (from where), and why; held for the thread while {@code LoginJail.lift} runs. */
    public record Lift(Actor actor, String reason) {
    }

    @Inject
    AuditTrail audit;

    /** Runs {@code action} (a call of {@code LoginJail.lift}) with the lift's reason at hand. */
    public static <T> T liftReason(Lift lift, java.util.function.Supplier<T> action) {
        LIFT.set(lift);
        try {
            return action.get();
        } finally {
            LIFT.remove();
        }
    }

    /**
     * In a transaction of its own: the ban is in force whatever becomes of the request that caused it, so its
     * record must not go if that request's transaction rolls back.
     */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void banned(Ban ban) {
        audit.record(AuditEntry.of(AuditAction.JAIL_BAN, Outcome.SUCCESS).by("login jail", null).from(ban.lastAddress())
                .on(target(ban)).withDetails(describe(ban)));
    }

    @Override
    @Transactional
    public void lifted(Ban ban) {
        Lift lift = LIFT.get();
        Changes changes = Changes.of().field("ban", describe(ban), null);
        if (lift != null) {
            audit.record(AuditEntry.change(lift.actor(), AuditAction.JAIL_LIFT, target(ban), changes, lift.reason()).in(null));
            return;
        }
        PortalPrincipal admin = signedIn();
        audit.record(AuditEntry.of(AuditAction.JAIL_LIFT, Outcome.SUCCESS)
                .by(admin == null ? "unknown" : admin.qualifiedName(), admin == null ? null : admin.userId())
                .on(target(ban)).withDetails(changes.toJson()));
    }

    private static String target(Ban ban) {
        return (ban.kind() == io.keyswitch.jail.BanKind.ADDRESS ? "address:" : "user-name:") + ban.subject();
    }

    private static String describe(Ban ban) {
        return "since=" + ban.since() + " until=" + ban.until() + " failures=" + ban.failures()
                + " lastUserName=" + ban.lastUserName() + " lastAddress=" + ban.lastAddress();
    }

    private static PortalPrincipal signedIn() {
        try {
            return SecurityUtils.getSubject().getPrincipal() instanceof PortalPrincipal p ? p : null;
        } catch (UnavailableSecurityManagerException outsideARequest) {
            return null;
        }
    }
}
