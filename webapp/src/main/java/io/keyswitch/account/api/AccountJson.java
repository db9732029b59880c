package io.keyswitch.account.api;

import io.keyswitch.account.Account;
import io.keyswitch.account.PoolAllocator;
import io.keyswitch.account.PoolBlock;
import java.time.Instant;
import java.util.List;

/** Accounts as the API shows and takes them; never a password hash. */
public final class AccountJson {

    private AccountJson() {
    }

    /**
     * An account: its status ({@code ACTIVE}, {@code DISABLED}), its virtual pool (its blocks, separated by commas),
     * each block with when it came and whether the portal added it because the pool was full, the accounts whose pools
     * overlap it (their devices' routes would collide), how many users and devices it has.
     */
    public record AccountOut(long id, String name, String status, String virtualPool, List<PoolBlockOut> poolBlocks,
                             List<String> poolOverlaps, long users, long devices, Instant createdAt) {
        static AccountOut of(Account a, List<PoolBlock> blocks, List<String> overlaps, long users, long devices) {
            List<PoolBlock> own = blocks == null ? List.of() : blocks;
            return new AccountOut(a.getId(), a.getName(), a.getStatus().name(),
                    PoolAllocator.describe(own.stream().map(PoolBlock::subnet).toList()),
                    own.stream().map(b -> new PoolBlockOut(b.getBlock(), b.isGrown(), b.getCreatedAt())).toList(),
                    overlaps == null ? List.of() : overlaps, users, devices, a.getCreatedAt());
        }
    }

    /** One block of an account's virtual pool; {@code grown}: the portal added it because the pool was full. */
    public record PoolBlockOut(String block, boolean grown, Instant createdAt) {
    }

    /**
     * What creates an account: its name (the one users type at login), its first administrator's user name
     * (absent: {@code admin}) and full name (absent: "Administrator of …"), its virtual pool (absent: the first free
     * block of the default size; several blocks separated by commas). The reason goes to the audit trail.
     */
    public record AccountIn(String name, String adminUsername, String adminFullName, String virtualPool, String reason) {
    }

    /** A new account and its first administrator, whose one-time password is shown this once. */
    public record CreatedAccountOut(AccountOut account, String adminUsername, String oneTimePassword) {
    }

    /** Disabling or enabling an account: the reason goes to the audit trail. */
    public record AccountStatusIn(String reason) {
    }

    /** Another virtual pool for the account (one block or several separated by commas); the reason goes to the audit trail. */
    public record VirtualPoolIn(String virtualPool, String reason) {
    }
}
