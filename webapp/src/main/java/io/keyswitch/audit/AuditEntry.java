package io.keyswitch.audit;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.PortalPrincipal;

import java.util.Objects;

/**
 * What one audit event says: who (actor), from where, in which account, did what to what, how it ended,
 * what changed (details, never a secret) and why (reason). Every text is bounded to its column here, so that
 * no value a client sends can make the audit write fail (and with it the change or the login it records): a
 * longer one is cut and ends in {@code …}.
 *
 * @param accountId the account the event belongs to, or {@code null} for events outside any account
 *                  (such as a login attempt naming an account that does not exist)
 */
public record AuditEntry(
        Long accountId,
        String actor,
        Long actorUserId,
        String sourceIp,
        String action,
        String target,
        Outcome outcome,
        String details,
        String reason) {

    /** The actor of what the portal does by itself. */
    public static final String SYSTEM = "system";

    /** The column sizes of {@code audit_event} (V1), in characters; details is a TEXT of 65,535 bytes. */
    static final int ACTOR = 200;
    static final int SOURCE_IP = 45;
    static final int ACTION = 64;
    static final int TARGET = 300;
    static final int DETAILS = 16_000;
    static final int REASON = 1000;

    public AuditEntry {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        actor = bounded(actor, ACTOR);
        sourceIp = bounded(sourceIp, SOURCE_IP);
        action = bounded(action, ACTION);
        target = bounded(target, TARGET);
        details = bounded(details, DETAILS);
        reason = bounded(reason, REASON);
    }

    /**
     * The one way to write an entry: the action and how it ended, then by name what is known ({@link #in account},
     * {@link #by actor}, {@link #from source address}, {@link #on target}, {@link #withDetails details},
     * {@link #because reason}); what is not said stays empty. E.g.
     * {@code AuditEntry.of(AuditAction.LOGIN, Outcome.FAILURE).in(accountId).by(tried, null).from(ip).on("user:" + name)}.
     */
    public static AuditEntry of(AuditAction action, Outcome outcome) {
        return new AuditEntry(null, null, null, null, action.value(), null, outcome, null, null);
    }

    /** This entry in the trail of {@code account} ({@code null}: the appliance's trail, outside any account). */
    /** An entry of something {@code actor} did, in its account, from its address; the target and texts follow. */
    public static AuditEntry of(Actor actor, AuditAction action, Outcome outcome) {
        return of(action, outcome).in(actor.accountId()).by(actor.name(), actor.userId()).from(actor.sourceIp());
    }

    /** The entry of a successful change {@code actor} made to {@code target}: the fields it changed and why. */
    public static AuditEntry change(Actor actor, AuditAction action, String target, Changes changes, String reason) {
        return of(actor, action, Outcome.SUCCESS).on(target).withDetails(changes.toJson()).because(reason);
    }

    /** An entry of something the signed-in {@code user} did as themselves: actor and target the user. */
    public static AuditEntry self(PortalPrincipal user, AuditAction action, Outcome outcome, String sourceIp) {
        return of(action, outcome).in(user.accountId()).by(user.qualifiedName(), user.userId()).from(sourceIp)
                .on("user:" + user.username());
    }

    public AuditEntry in(Long account) {
        return new AuditEntry(account, actor, actorUserId, sourceIp, action, target, outcome, details, reason);
    }

    /** This entry done by {@code name} (user {@code userId}, or {@code null} for no user). */
    public AuditEntry by(String name, Long userId) {
        return new AuditEntry(accountId, name, userId, sourceIp, action, target, outcome, details, reason);
    }

    /** This entry done by the portal itself (actor {@value #SYSTEM}, no user). */
    public AuditEntry bySystem() {
        return by(SYSTEM, null);
    }

    /** This entry coming from {@code address}. */
    public AuditEntry from(String address) {
        return new AuditEntry(accountId, actor, actorUserId, address, action, target, outcome, details, reason);
    }

    /** This entry acting on {@code what} ({@code user:alice}, {@code device:42}, …). */
    public AuditEntry on(String what) {
        return new AuditEntry(accountId, actor, actorUserId, sourceIp, action, what, outcome, details, reason);
    }

    /** This entry with {@code text} as what changed or happened (never a secret). */
    public AuditEntry withDetails(String text) {
        return new AuditEntry(accountId, actor, actorUserId, sourceIp, action, target, outcome, text, reason);
    }

    /** This entry with {@code why} as its reason. */
    public AuditEntry because(String why) {
        return new AuditEntry(accountId, actor, actorUserId, sourceIp, action, target, outcome, details, why);
    }

    /** At most {@code max} UTF-16 units (so at most {@code max} characters), never half a surrogate pair. */
    static String bounded(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
