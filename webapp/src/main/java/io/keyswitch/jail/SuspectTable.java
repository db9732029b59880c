package io.keyswitch.jail;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucket;
import io.github.bucket4j.local.SynchronizationStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.logging.Logger;

/**
 * The failure counts and bans of one kind of subject (addresses or user names), in a table of
 * fixed capacity so that an attack from any number of addresses costs bounded memory.
 *
 * <p>Two maps share the capacity: {@code tracked} holds subjects with failures but no ban, in
 * least-recently-failed order; {@code banned} holds bans in the order they began (which, with
 * one ban duration, is also the order they end). A new subject evicts the least recent tracked
 * entry; a ban is evicted only when nothing but bans is left, and then the one that ends
 * soonest. So a flood of one-off failures can never push a ban out.
 *
 * <p>Each tracked subject has a Bucket4j token bucket of {@code maxFailures} tokens refilled
 * greedily at {@code maxFailures} per window; a failure takes a token and the failure that
 * takes the last token bans. All access is synchronized on the table, which is why the buckets
 * themselves use no synchronization.
 */
final class SuspectTable {

    private static final Logger LOG = Logger.getLogger(SuspectTable.class.getName());

    private final BanKind kind;
    private final int capacity;
    private final int maxFailures;
    private final Duration findWindow;
    private final Duration banDuration;
    private final TimeMeter timeMeter;
    private final LinkedHashMap<String, Suspect> tracked = new LinkedHashMap<>(64, 0.75f, true);
    private final LinkedHashMap<String, Suspect> banned = new LinkedHashMap<>();
    private long evictedBans;

    SuspectTable(BanKind kind, int capacity, JailSettings settings, TimeMeter timeMeter) {
        this.kind = kind;
        this.capacity = capacity;
        this.maxFailures = settings.maxFailures();
        this.findWindow = settings.findWindow();
        this.banDuration = settings.banDuration();
        this.timeMeter = timeMeter;
    }

    /** The subject's ban in force at {@code now}, or {@code null}. */
    synchronized Ban activeBan(String key, Instant now) {
        Suspect suspect = banned.get(key);
        if (suspect == null) {
            return null;
        }
        if (!now.isBefore(suspect.until)) {
            banned.remove(key);
            return null;
        }
        return suspect.toBan(kind, key);
    }

    /**
     * Counts one failure.
     *
     * @return the ban this failure started, or {@code null}
     */
    synchronized Ban recordFailure(String key, String userName, String address, Instant now) {
        pruneExpiredBans(now);
        Suspect prisoner = banned.get(key);
        if (prisoner != null && now.isBefore(prisoner.until)) {
            prisoner.noteFailure(userName, address);
            return null;
        }
        if (prisoner != null) {
            banned.remove(key); // ended, but not at the head (the clock went back): start afresh
        }
        Suspect suspect = tracked.get(key);
        if (suspect == null) {
            makeRoom();
            suspect = new Suspect(newBucket());
            tracked.put(key, suspect);
        }
        suspect.noteFailure(userName, address);
        ConsumptionProbe probe = suspect.bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed() && probe.getRemainingTokens() > 0) {
            return null;
        }
        return ban(key, suspect, now);
    }

    private Ban ban(String key, Suspect suspect, Instant now) {
        tracked.remove(key);
        suspect.since = now;
        suspect.until = now.plus(banDuration);
        suspect.bucket = null; // a ban needs no bucket; after it the subject starts afresh
        banned.put(key, suspect);
        return suspect.toBan(kind, key);
    }

    /**
     * Takes one try of the subject before its credential is checked. A bucket that is empty but not banned means
     * that tries being checked hold its tokens: this one then waits for them (up to {@code maxWait}, the table's
     * lock released meanwhile) until a success gives one back or a failure bans, so that logins at the same moment
     * from one office's address are queued, not refused.
     *
     * @return {@code null} when a token was taken, else when the next try may come (the ban's end, or the moment the
     *     bucket refills one token)
     */
    synchronized Instant take(String key, Instant now, java.time.Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            pruneExpiredBans(now);
            Suspect prisoner = banned.get(key);
            if (prisoner != null && now.isBefore(prisoner.until)) {
                return prisoner.until;
            }
            if (prisoner != null) {
                banned.remove(key);
            }
            Suspect suspect = tracked.get(key);
            if (suspect == null) {
                makeRoom();
                suspect = new Suspect(newBucket());
                tracked.put(key, suspect);
            }
            ConsumptionProbe probe = suspect.bucket.tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return null;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return now.plusNanos(Math.max(1, probe.getNanosToWaitForRefill()));
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now.plusNanos(Math.max(1, probe.getNanosToWaitForRefill()));
            }
        }
    }

    /**
     * A try whose token {@link #take} took has failed: it is noted, and when the bucket is empty the subject is
     * banned. A subject evicted meanwhile is counted afresh.
     *
     * @return the ban this failure started, or {@code null}
     */
    synchronized Ban failTaken(String key, String userName, String address, Instant now) {
        Suspect prisoner = banned.get(key);
        if (prisoner != null && now.isBefore(prisoner.until)) {
            prisoner.noteFailure(userName, address);
            return null;
        }
        Suspect suspect = tracked.get(key);
        if (suspect == null) {
            return recordFailure(key, userName, address, now);
        }
        suspect.noteFailure(userName, address);
        notifyAll(); // tries waiting in take() look again: a ban refuses them
        if (suspect.bucket.getAvailableTokens() > 0) {
            return null;
        }
        return ban(key, suspect, now);
    }

    /** A try whose token {@link #take} took has succeeded: the token goes back. */
    synchronized void giveBack(String key) {
        Suspect suspect = tracked.get(key);
        if (suspect != null) {
            suspect.bucket.addTokens(1);
            notifyAll();
        }
    }

    /** Forgets the subject's failures (not its ban). */
    synchronized void forgetFailures(String key) {
        tracked.remove(key);
        notifyAll();
    }

    /** Removes the subject's ban if it is in force; returns it, or {@code null}. */
    synchronized Ban lift(String key, Instant now) {
        Ban ban = activeBan(key, now);
        if (ban != null) {
            banned.remove(key);
        }
        return ban;
    }

    /** The bans in force, in the order they began. */
    synchronized List<Ban> activeBans(Instant now) {
        pruneExpiredBans(now);
        List<Ban> bans = new ArrayList<>(banned.size());
        banned.forEach((key, suspect) -> {
            if (now.isBefore(suspect.until)) {
                bans.add(suspect.toBan(kind, key));
            }
        });
        return bans;
    }

    /** Subjects held in memory now, tracked and banned. */
    synchronized int size() {
        return tracked.size() + banned.size();
    }

    private void makeRoom() {
        if (tracked.size() + banned.size() < capacity) {
            return;
        }
        if (!tracked.isEmpty()) {
            removeEldest(tracked);
            return;
        }
        removeEldest(banned);
        evictedBans++;
        if (evictedBans == 1 || evictedBans % 1000 == 0) {
            LOG.warning("Login jail: the " + kind + " table is full of active bans (" + capacity
                    + "); ended the soonest-ending ban early to track a new subject (" + evictedBans
                    + " so far). Raise the jail's capacity if this is not a passing attack.");
        }
    }

    private void pruneExpiredBans(Instant now) {
        Iterator<Suspect> oldestFirst = banned.values().iterator();
        while (oldestFirst.hasNext()) {
            if (now.isBefore(oldestFirst.next().until)) {
                return;
            }
            oldestFirst.remove();
        }
    }

    private static void removeEldest(LinkedHashMap<String, Suspect> map) {
        Iterator<Suspect> eldest = map.values().iterator();
        eldest.next();
        eldest.remove();
    }

    private LocalBucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(maxFailures).refillGreedy(maxFailures, findWindow))
                .withCustomTimePrecision(timeMeter)
                .withSynchronizationStrategy(SynchronizationStrategy.NONE)
                .build();
    }

    /** One subject's state; only touched under the table's lock. */
    private static final class Suspect {
        private LocalBucket bucket;
        private int failures;
        private String lastUserName;
        private String lastAddress;
        private Instant since;
        private Instant until;

        Suspect(LocalBucket bucket) {
            this.bucket = bucket;
        }

        void noteFailure(String userName, String address) {
            failures++;
            if (userName != null) {
                lastUserName = userName;
            }
            lastAddress = address;
        }

        Ban toBan(BanKind kind, String key) {
            return new Ban(kind, key, since, until, failures, lastUserName, lastAddress);
        }
    }
}
