package io.keyswitch.vpn;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What pages need to know cheaply: a version per account that grows whenever a device's live status changed (the
 * device table re-renders only then), and whether each account's instance is reachable through its management socket.
 */
@ApplicationScoped
public class LiveStatusBoard {

    private final Map<Long, AtomicLong> versions = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> management = new ConcurrentHashMap<>();

    public void changed(long accountId) {
        versions.computeIfAbsent(accountId, k -> new AtomicLong()).incrementAndGet();
    }

    public long version(long accountId) {
        AtomicLong v = versions.get(accountId);
        return v == null ? 0 : v.get();
    }

    public void managementAvailable(long accountId, boolean available) {
        management.put(accountId, available);
        changed(accountId);
    }

    /** Whether the account's instance answered on its management socket last (false: not running or unreachable). */
    public boolean managementAvailable(long accountId) {
        return management.getOrDefault(accountId, false);
    }
}
