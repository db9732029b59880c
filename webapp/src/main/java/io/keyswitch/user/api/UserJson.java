package io.keyswitch.user.api;

import io.keyswitch.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Users as the API shows and takes them; never a password hash. */
public final class UserJson {

    private UserJson() {
    }

    /** A user of the caller's account. */
    public record UserOut(long id, String username, String fullName, String email, String phone, String status,
                          Instant validFrom, Instant validUntil, Integer maxLogins, int loginCount, Instant lastLoginAt,
                          List<Long> groupIds, boolean systemAdmin) {
        static UserOut of(User u, Set<Long> groups) {
            return new UserOut(u.getId(), u.getUsername(), u.getFullName(), u.getEmail(), u.getPhone(), u.getStatus().name(),
                    u.getValidFrom(), u.getValidUntil(), u.getMaxLogins(), u.getLoginCount(), u.getLastLoginAt(),
                    groups.stream().sorted().toList(), u.isSystemAdmin());
        }
    }

    /**
     * What creates or changes a user. {@code temporary} users need {@code validUntil} and/or
     * {@code maxLogins}; times are ISO-8601 instants. {@code systemAdmin} (absent: as it is; only a system
     * administrator may set it, on a user of their own account) makes a system administrator. The reason goes
     * to the audit trail.
     */
    public record UserIn(String username, String fullName, String email, String phone, Boolean active, Boolean temporary,
                         Instant validFrom, Instant validUntil, Integer maxLogins, List<Long> groupIds, Boolean systemAdmin,
                         String reason) {
    }

    /** A new user, or a reset password: the one-time password is shown this once. */
    public record OneTimePasswordOut(UserOut user, String oneTimePassword) {
    }
}
