package io.keyswitch.bench;

import io.keyswitch.jail.Bucket4jLoginJail;
import io.keyswitch.jail.JailListener;
import io.keyswitch.jail.JailSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Measures the login jail (issue 4, "Speed"): the time a login request spends in the jail
 * (the {@code activeBan} check, and the {@code recordFailure} of a failed login), as
 * percentiles over single calls; and the heap the jail holds after 100,000 distinct addresses
 * each failed once. Run by {@code webapp/bench/jail.sh}; prints a Markdown table.
 */
public final class JailBench {

    private static final int FLOOD = 100_000;
    private static final int WARM_UP = 200_000;
    private static final int SAMPLES = 1_000_000;
    /** Held here: JUL keeps loggers weakly, and a collected logger forgets its level. */
    private static final Logger JAIL_LOG = Logger.getLogger("io.keyswitch.jail");

    private JailBench() {
    }

    public static void main(String[] args) throws Exception {
        // The jail logs every ban; 100,000 log lines would measure the console, not the jail.
        JAIL_LOG.setLevel(Level.SEVERE);
        System.out.printf(Locale.ROOT, "JVM %s, %d CPUs available, max heap %d MiB%n%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        heapAfterFlood(JailSettings.DEFAULT_MAX_TRACKED);
        heapAfterFlood(FLOOD);
        System.out.println();

        Bucket4jLoginJail jail = floodedJail(JailSettings.defaults());
        System.out.println("| operation (jail holding 10,000 addresses + 10,000 user names, 1,000 bans) | threads | p50 µs | p99 µs | p99.9 µs | max µs |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        latency("activeBan (every login attempt), address not banned", 1, jail, false);
        latency("activeBan (every login attempt), address not banned", 2, jail, false);
        latency("recordFailure (each failed login), new address", 1, jail, true);
        latency("recordFailure (each failed login), new address", 2, jail, true);
    }

    /** A jail after FLOOD distinct addresses failed once each (with distinct user names), and 1,000 bans. */
    private static Bucket4jLoginJail floodedJail(JailSettings settings) {
        Bucket4jLoginJail jail = new Bucket4jLoginJail(settings, Clock.systemUTC(), JailListener.NONE);
        for (int i = 0; i < 1_000; i++) {
            for (int n = 0; n < settings.maxFailures(); n++) {
                jail.recordFailure(address(0x0a000000 + i), null);
            }
        }
        for (int i = 0; i < FLOOD; i++) {
            jail.recordFailure(address(0xc0000000 + i), "user" + i);
        }
        return jail;
    }

    private static void heapAfterFlood(int capacity) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        Bucket4jLoginJail jail = new Bucket4jLoginJail(JailSettings.defaults().withCapacity(capacity, capacity),
                Clock.systemUTC(), JailListener.NONE);
        for (int i = 0; i < FLOOD; i++) {
            jail.recordFailure(address(0xc0000000 + i), "user" + i);
        }
        long after = usedAfterGc(memory);
        int entries = jail.trackedAddresses() + jail.trackedUserNames();
        System.out.printf(Locale.ROOT, "Capacity %,d per table: after %,d distinct failing addresses (each with its own user name) "
                + "the jail holds %,d addresses + %,d user names; heap used grew by %.1f MiB (%.0f bytes per entry).%n",
                capacity, FLOOD, jail.trackedAddresses(), jail.trackedUserNames(), (after - before) / 1048576.0,
                (after - before) / (double) entries);
        if (jail.trackedAddresses() > capacity) {
            throw new AssertionError("capacity exceeded");
        }
    }

    private static void latency(String name, int threads, Bucket4jLoginJail jail, boolean failures) throws InterruptedException {
        long[][] samples = new long[threads][];
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers[t] = new Thread(() -> {
                int base = 0x64000000 + (thread << 22);
                run(jail, failures, base, WARM_UP, null);
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long[] times = new long[SAMPLES / threads];
                run(jail, failures, base + WARM_UP, times.length, times);
                samples[thread] = times;
            });
            workers[t].start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long[] all = Arrays.stream(samples).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.0f |%n", name, threads,
                micros(all, 0.50), micros(all, 0.99), micros(all, 0.999), all[all.length - 1] / 1000.0);
    }

    private static void run(Bucket4jLoginJail jail, boolean failures, int base, int count, long[] times) {
        for (int i = 0; i < count; i++) {
            String address = address(base + i);
            String user = "user" + (i % 5_000);
            long start = System.nanoTime();
            if (failures) {
                jail.recordFailure(address, user);
            } else {
                jail.activeBan(address, user);
            }
            long took = System.nanoTime() - start;
            if (times != null) {
                times[i] = took;
            }
        }
    }

    private static double micros(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * sorted.length))] / 1000.0;
    }

    private static String address(int value) {
        return (value >>> 24) + "." + ((value >>> 16) & 0xff) + "." + ((value >>> 8) & 0xff) + "." + (value & 0xff);
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
