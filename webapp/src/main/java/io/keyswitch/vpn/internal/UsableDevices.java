package io.keyswitch.vpn.internal;

import io.keyswitch.device.TunnelMode;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The devices that may dial in or report now, in memory: an enabled device of an enabled account with its unrevoked
 * credentials (certificate serial → keyed hash of its secret), the identity's tunnel host, the device's virtual subnet
 * and tunnel mode. What is not held is asked of the database, so the table may miss a device but must never hold one
 * the database no longer allows.
 *
 * <p>That is kept by two steps. A change <em>invalidates</em> at once (removes the identity, or every identity of an
 * account) — before the change's caller has its answer. Then a <em>load</em> reads the rows again: it takes a
 * {@link #mark()} before it reads, and {@link #loaded} puts only what no invalidation since that mark has touched (a
 * touched identity comes back with the load that its own invalidation asked for). Reads never lock.
 */
public final class UsableDevices {

    /**
     * One usable device identity.
     *
     * @param secretHashes certificate serial (lower-case hex) → {@code hmac-sha256$<key>$…} of the secret issued with it
     */
    public record Entry(String commonName, long accountId, long deviceId, int tunnelHost, String virtualSubnet,
                        TunnelMode tunnelMode, Map<String, String> secretHashes) {

        public Entry {
            secretHashes = Map.copyOf(secretHashes);
        }

        /** The secret hash of the credential with this serial, if it is one of the identity's unrevoked ones. */
        public Optional<String> secretHash(String serialHex) {
            return Optional.ofNullable(secretHashes.get(serialHex));
        }
    }

    /** Which identities a load read: all, one account's, or one. */
    public sealed interface Scope {

        boolean covers(Entry entry);

        /** Every identity. */
        record All() implements Scope {
            @Override
            public boolean covers(Entry entry) {
                return true;
            }
        }

        record OfAccount(long accountId) implements Scope {
            @Override
            public boolean covers(Entry entry) {
                return entry.accountId() == accountId;
            }
        }

        record Named(String commonName) implements Scope {
            @Override
            public boolean covers(Entry entry) {
                return entry.commonName().equals(commonName);
            }
        }
    }

    private final Map<String, Entry> byName = new ConcurrentHashMap<>();
    /** Guarded by {@code this}: invalidations count up; what each invalidated last; loads still running. */
    private long generation;
    private final Map<String, Long> nameTouched = new HashMap<>();
    private final Map<Long, Long> accountTouched = new HashMap<>();
    private int loadsRunning;

    /** The usable identity of this CN, if the table holds it. */
    public Optional<Entry> find(String commonName) {
        return commonName == null ? Optional.empty() : Optional.ofNullable(byName.get(commonName));
    }

    public int size() {
        return byName.size();
    }

    /** The identity changed (credentials, device): no longer answered from memory until it is loaded again. */
    public synchronized void invalidate(String commonName) {
        byName.remove(commonName);
        if (loadsRunning > 0) {
            nameTouched.put(commonName, ++generation);
        }
    }

    /** The account changed (state, pool): none of its identities is answered from memory until they are loaded again. */
    public synchronized void invalidateAccount(long accountId) {
        byName.values().removeIf(e -> e.accountId() == accountId);
        if (loadsRunning > 0) {
            accountTouched.put(accountId, ++generation);
        }
    }

    /** A load begins, before it reads the database; pass the mark to {@link #loaded} or {@link #abandoned}. */
    public synchronized long mark() {
        loadsRunning++;
        return generation;
    }

    /**
     * What a load read for {@code scope}: every identity in the scope becomes what the rows say (held or not), except
     * those an invalidation touched after {@code mark}.
     *
     * @return how many identities the rows put in the table
     */
    public synchronized int loaded(long mark, Scope scope, Collection<Entry> rows) {
        try {
            Set<String> read = new HashSet<>();
            int put = 0;
            for (Entry e : rows) {
                if (scope.covers(e) && !touchedSince(mark, e)) {
                    byName.put(e.commonName(), e);
                    read.add(e.commonName());
                    put++;
                }
            }
            byName.values().removeIf(e -> scope.covers(e) && !read.contains(e.commonName()) && !touchedSince(mark, e));
            return put;
        } finally {
            abandoned(mark);
        }
    }

    /** A load that failed: it puts nothing. */
    public synchronized void abandoned(long mark) {
        loadsRunning = Math.max(0, loadsRunning - 1);
        if (loadsRunning == 0) {
            nameTouched.clear();
            accountTouched.clear();
        }
    }

    private boolean touchedSince(long mark, Entry e) {
        return nameTouched.getOrDefault(e.commonName(), Long.MIN_VALUE) > mark
                || accountTouched.getOrDefault(e.accountId(), Long.MIN_VALUE) > mark;
    }
}
