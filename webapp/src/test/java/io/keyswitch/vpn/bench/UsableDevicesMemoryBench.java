package io.keyswitch.vpn.bench;

import io.keyswitch.device.TunnelMode;
import io.keyswitch.vpn.auth.DeviceSecret;
import io.keyswitch.vpn.auth.DeviceSecretHasher;
import io.keyswitch.vpn.internal.UsableDevices;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Heap that the VPN's in-memory view of usable devices ({@link UsableDevices}) takes for N devices, each as the
 * portal loads it (CN {@code device-<id>}, a 127-bit serial in hex, the {@code hmac-sha256$k1$…} hash of a 160-bit
 * secret, its virtual /24, tunnel host and mode): heap used after full collections before and after the load, and the
 * time a lookup plus the secret's check takes. Run by {@code webapp/bench/usable-devices-memory.sh [devices]}.
 */
public final class UsableDevicesMemoryBench {

    private UsableDevicesMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        DeviceSecretHasher hasher = new DeviceSecretHasher("k1", key);
        String[] secrets = new String[devices];
        String[] serials = new String[devices];
        for (int i = 0; i < devices; i++) {
            secrets[i] = DeviceSecret.generate(random);
            serials[i] = new BigInteger(127, random).toString(16);
        }
        long before = usedAfterGc();
        UsableDevices table = new UsableDevices();
        List<UsableDevices.Entry> rows = new ArrayList<>(devices);
        for (int i = 0; i < devices; i++) {
            long id = 100_000 + i;
            // new String(...): as JDBC hands them over, not shared with the arrays above
            rows.add(new UsableDevices.Entry(new String("device-" + id), 1, id, i + 2,
                    new String("10." + (i >> 8) + "." + (i & 255) + ".0/24"), TunnelMode.ALWAYS,
                    Map.of(new String(serials[i]), hasher.hash(secrets[i]))));
        }
        table.loaded(table.mark(), new UsableDevices.Scope.All(), rows);
        rows = null;
        long after = usedAfterGc();
        System.out.printf("devices held: %,d%n", table.size());
        System.out.printf("heap used after GC: before %.1f MiB, after %.1f MiB: %.1f MiB for %,d devices, %,d bytes each%n",
                before / 1048576.0, after / 1048576.0, (after - before) / 1048576.0, devices, (after - before) / devices);
        // a decision's memory part: find the identity, its credential by serial, check the secret (HMAC-SHA256)
        long[] ns = new long[200_000];
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < ns.length; k++) {
                int i = k % devices;
                long t = System.nanoTime();
                boolean ok = table.find("device-" + (100_000 + i)).flatMap(e -> e.secretHash(serials[i]))
                        .map(h -> hasher.matches(secrets[i], h)).orElse(false);
                ns[k] = System.nanoTime() - t;
                if (!ok) {
                    throw new IllegalStateException("device " + i + " not accepted");
                }
            }
        }
        java.util.Arrays.sort(ns);
        System.out.printf("lookup + secret check (200,000 after 200,000 warm-up): p50 %.1f µs, p99 %.1f µs%n",
                ns[ns.length / 2] / 1000.0, ns[(int) (ns.length * 0.99)] / 1000.0);
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
