package io.keyswitch.security;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.Outcome;
import java.io.Serializable;

/** Who is signed in: the user, their account, and whether they administer the whole appliance. */
public record PortalPrincipal(long userId, long accountId, String accountName, String username,
                              String fullName, boolean systemAdmin) implements Serializable {

    // Bean-style getters for Expression Language 5, which does not read record components.

    public String getAccountName() {
        return accountName;
    }

    public String getUsername() {
        return username;
    }

    public String getFullName() {
        return fullName;
    }

    /** How the user is named in audit events and pages: {@code account/user}. */
    public String qualifiedName() {
        return accountName + "/" + username;
    }

    /** An audit entry of something this user did as themselves: actor and target the user, from {@code sourceIp}. */
    public AuditEntry entry(AuditAction action, Outcome outcome, String sourceIp) {
        return AuditEntry.of(action, outcome).in(accountId).by(qualifiedName(), userId).from(sourceIp)
                .on("user:" + username);
    }
}
