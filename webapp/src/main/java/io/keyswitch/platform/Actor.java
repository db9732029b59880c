package io.keyswitch.platform;

import java.util.function.Predicate;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.subject.Subject;

/**
 * Who does something, in which account, from where, with which rights: what every service that
 * changes anything is handed, so that it can check rights, scope queries to the account and audit.
 */
public record Actor(long accountId, Long userId, String name, String sourceIp, Predicate<String> rights) {

    /** Reasons are kept in the audit trail; at most this long. */
    public static final int MAX_REASON = 1000;

    /** The signed-in user of the current request. */
    public static Actor current(String sourceIp) {
        Subject subject = SecurityUtils.getSubject();
        PortalPrincipal p = (PortalPrincipal) subject.getPrincipal();
        if (p == null) {
            throw new Forbidden("login");
        }
        return new Actor(p.accountId(), p.userId(), p.qualifiedName(), sourceIp, subject::isPermitted);
    }

    /** Throws {@link Forbidden} unless the actor holds {@code right}. */
    public void require(String right) {
        if (!rights.test(right)) {
            throw new Forbidden(right);
        }
    }

    /** Throws {@link Forbidden} unless the actor holds at least one of {@code rights}. */
    public void requireAny(String... anyOf) {
        for (String right : anyOf) {
            if (rights.test(right)) {
                return;
            }
        }
        throw new Forbidden(String.join(" or ", anyOf));
    }

    /** The reason for a change, required and at most {@link #MAX_REASON} characters; field "reason". */
    public static String requireReason(String reason) {
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        String r = Text.multiLine(errors, "reason", "The reason", reason, MAX_REASON);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        if (r == null || r.length() < 3) {
            throw ValidationFailed.of("reason", "Please say why you make this change (it is kept in the audit trail).");
        }
        return r;
    }
}
