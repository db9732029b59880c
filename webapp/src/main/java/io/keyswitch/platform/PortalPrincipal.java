package io.keyswitch.platform;
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
}
