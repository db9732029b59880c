package io.keyswitch.connection.report;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.Rights;
import io.keyswitch.report.ReportFilter;
import java.util.Objects;

/**
 * Whose connections a reader of the connections report sees, the same rule as the connections page's: a system
 * administrator ({@value Rights#ACCOUNT_MANAGE}) any account's, or all of them; {@value Rights#CONNECTION_VIEW} their
 * account's; a technician ({@value Rights#DEVICE_CONNECT}) their own. A filter naming another account (or, for a
 * technician, another user) is answered as if it did not exist (404), as every other id of another account is.
 *
 * @param accountId the account whose connections are shown; null: every account
 * @param ownUserId the one user whose connections are shown (a technician's own); null: any user of the scope
 */
record ConnectionReportScope(Long accountId, Long ownUserId) {

    static boolean allowed(Actor actor) {
        return actor.rights().test(Rights.ACCOUNT_MANAGE) || actor.rights().test(Rights.CONNECTION_VIEW)
                || actor.rights().test(Rights.DEVICE_CONNECT);
    }

    static ConnectionReportScope of(Actor actor, ReportFilter filter) {
        if (actor.rights().test(Rights.ACCOUNT_MANAGE)) {
            return new ConnectionReportScope(filter.accountId(), null);
        }
        if (!allowed(actor)) {
            throw new Forbidden(Rights.CONNECTION_VIEW + " or " + Rights.DEVICE_CONNECT);
        }
        if (filter.accountId() != null && filter.accountId() != actor.accountId()) {
            throw new NotFound("account " + filter.accountId());
        }
        if (actor.rights().test(Rights.CONNECTION_VIEW)) {
            return new ConnectionReportScope(actor.accountId(), null);
        }
        long self = actor.userId() == null ? -1L : actor.userId();
        if (filter.userId() != null && !Objects.equals(filter.userId(), self)) {
            throw new NotFound("user " + filter.userId());
        }
        return new ConnectionReportScope(actor.accountId(), self);
    }

    /** Whether rows of several accounts may show (a system administrator without an account chosen). */
    boolean everyAccount() {
        return accountId == null;
    }
}
