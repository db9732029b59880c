package io.keyswitch.account.api;

import io.keyswitch.account.Account;
import java.time.Instant;
import java.util.List;

/** Accounts as the API shows and takes them; never a password hash. */
public final class AccountJson {

    private AccountJson() {
    }

    /**
     * An account: its status ({@code ACTIVE}, {@code DISABLED}), its virtual pool and the accounts whose pools overlap
     * it (their devices' routes would collide), how many users and devices it has.
     */
    public record AccountOut(long id, String name, String status, String virtualPool, List<String> poolOverlaps, long users,
                             long devices, Instant createdAt) {
        static AccountOut of(Account a, List<String> overlaps, long users, long devices) {
            return new AccountOut(a.getId(), a.getName(), a.getStatus().name(), a.getVirtualPool(),
                    overlaps == null ? List.of() : overlaps, users, devices, a.getCreatedAt());
        }
    }

    /**
     * What creates an account: its name (the one users type at login), its first administrator's user name
     * (absent: {@code admin}) and full name (absent: "Administrator of …"), its virtual pool (absent: the first free
     * pool of the default size). The reason goes to the audit trail.
     */
    public record AccountIn(String name, String adminUsername, String adminFullName, String virtualPool, String reason) {
    }

    /** A new account and its first administrator, whose one-time password is shown this once. */
    public record CreatedAccountOut(AccountOut account, String adminUsername, String oneTimePassword) {
    }

    /** Disabling or enabling an account: the reason goes to the audit trail. */
    public record AccountStatusIn(String reason) {
    }

    /** Another virtual pool for the account; the reason goes to the audit trail. */
    public record VirtualPoolIn(String virtualPool, String reason) {
    }
}
