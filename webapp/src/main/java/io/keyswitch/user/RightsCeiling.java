package io.keyswitch.user;

import io.keyswitch.platform.Rights;
import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.Actor;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Nobody hands out or touches more than they hold: an actor may give a group only rights it holds itself, put a
 * user only into groups whose rights it holds, and change, reset, disable or revoke anything of only a user whose
 * rights are all its own too. A system administrator holds {@value Rights#ACCOUNT_MANAGE}, which no group gives,
 * so only a system administrator may change a system administrator or their factors; and as they may create
 * accounts with administrators of every right, they stand above this ceiling in their own account too.
 */
public final class RightsCeiling {

    /** What the refusal says when the user to be changed is a system administrator. */
    public static final String SYSTEM_ADMIN_ONLY = "Only a system administrator may change a system administrator"
            + " or their factors.";

    private RightsCeiling() {
    }

    /**
     * Throws {@link Forbidden} unless {@code actor} holds every right of the user to be changed.
     *
     * @param rights the user's rights now (their groups' rights)
     * @param systemAdmin whether the user is a system administrator
     */
    public static void requireMayChange(Actor actor, String username, Collection<String> rights, boolean systemAdmin) {
        if (systemAdmin && !actor.rights().test(Rights.ACCOUNT_MANAGE)) {
            throw Forbidden.because(SYSTEM_ADMIN_ONLY);
        }
        Set<String> lacking = lacking(actor, rights);
        if (!lacking.isEmpty()) {
            throw Forbidden.because("You may change only users whose rights you hold yourself; " + username
                    + " also has " + String.join(", ", lacking) + ".");
        }
    }

    /** Throws {@link Forbidden} unless {@code actor} holds every one of {@code rights}, which it is to hand out. */
    public static void requireMayHandOut(Actor actor, String what, Collection<String> rights) {
        Set<String> lacking = lacking(actor, rights);
        if (!lacking.isEmpty()) {
            throw Forbidden.because("You may hand out only rights you hold yourself; " + what + " gives "
                    + String.join(", ", lacking) + ".");
        }
    }

    /** The rights of {@code rights} the actor does not hold, sorted; none for a system administrator. */
    public static Set<String> lacking(Actor actor, Collection<String> rights) {
        Set<String> lacking = new TreeSet<>();
        if (actor.rights().test(Rights.ACCOUNT_MANAGE)) {
            return lacking;
        }
        for (String right : rights == null ? List.<String>of() : rights) {
            if (!actor.rights().test(right)) {
                lacking.add(right);
            }
        }
        return lacking;
    }
}
