package io.keyswitch.vpn.bench;

import io.keyswitch.vpn.auth.DeviceSecret;
import io.keyswitch.vpn.auth.DeviceSecretHasher;
import io.keyswitch.vpn.config.Ipv4Network;
import io.keyswitch.vpn.openvpn.ClientEventListener;
import io.keyswitch.vpn.openvpn.ConnectedClient;
import io.keyswitch.vpn.openvpn.DeviceTableAuthenticator;
import io.keyswitch.vpn.openvpn.ManagementClient;
import io.keyswitch.vpn.openvpn.ManagementEvent;
import io.keyswitch.vpn.openvpn.ManagementSocketStandIn;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Management-protocol load generator: a stand-in for OpenVPN's side of the unix socket drives N simulated devices
 * (default 20,000) through CONNECT/ENV, ESTABLISHED and DISCONNECT against the real {@link ManagementClient} and a
 * real in-memory authenticator that checks each device secret's keyed hash (HMAC-SHA256). 1 % of the devices send
 * a wrong secret and must be denied.
 *
 * <p>Phases: (1) storm: every device connects, at most {@code window} CONNECTs unanswered at once, as a
 * reconnect storm after an appliance restart; (2) all ESTABLISHED, then the heap with all online (after GC);
 * (3) steady: disconnect and reconnect at a fixed 2,000/s for 5 s; (4) all DISCONNECT. Latency is from the stand-in
 * writing a CONNECT block to reading the complete answer ({@code client-auth ... END} or {@code client-deny}).
 * Exits non-zero when a decision is missing or wrong.
 */
public final class ManagementLoadBenchmark {

    private static final Ipv4Network TUNNEL = Ipv4Network.parse("10.255.0.0/16");

    private final int devices;
    private final int window;
    private final String[] secrets;
    private final boolean[] honest;
    private final AtomicLongArray sentAt;
    private final AtomicLongArray latency;
    private final AtomicInteger allowed = new AtomicInteger();
    private final AtomicInteger denied = new AtomicInteger();
    private final AtomicInteger wrongDecisions = new AtomicInteger();
    private final Map<Long, Online> online = new ConcurrentHashMap<>();
    private Semaphore outstanding;
    private CountDownLatch answers;
    private CountDownLatch transitions;

    /** What the portal keeps per connected device for live status. */
    record Online(String commonName, String tunnelAddress, String realAddress, Instant since, long bytesIn, long bytesOut) {
    }

    private ManagementLoadBenchmark(int devices, int window) {
        this.devices = devices;
        this.window = window;
        this.secrets = new String[devices];
        this.honest = new boolean[devices];
        this.sentAt = new AtomicLongArray(devices * 2);
        this.latency = new AtomicLongArray(devices * 2);
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        System.exit(new ManagementLoadBenchmark(devices, window).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        Path dir = Files.createTempDirectory("keyswitch-bench");
        SecureRandom random = new SecureRandom();
        DeviceSecretHasher hasher = new DeviceSecretHasher("bench", random.generateSeed(32));
        DeviceTableAuthenticator authenticator = new DeviceTableAuthenticator(hasher, TUNNEL);
        for (int i = 0; i < devices; i++) {
            secrets[i] = DeviceSecret.generate(random);
            honest[i] = i % 100 != 99;
            authenticator.put(new DeviceTableAuthenticator.Device("dev-" + i, hasher.hash(secrets[i]),
                    TUNNEL.host(i + 2), new Ipv4Network("10." + (64 + i / 256) + "." + (i % 256) + ".0", 24), false));
        }
        int expectedAllowed = 0;
        for (boolean h : honest) {
            expectedAllowed += h ? 1 : 0;
        }

        ThreadPoolExecutor decisions = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4096));
        try (ManagementSocketStandIn openvpn = new ManagementSocketStandIn(dir.resolve("mgmt.sock"), this::answered);
             ManagementClient client = new ManagementClient("bench", dir.resolve("mgmt.sock"), authenticator,
                     new LiveStatus(), decisions, new ManagementClient.Settings(0, Duration.ofMillis(50),
                     Duration.ofMillis(500), Duration.ofMillis(300)))) {
            client.start();
            if (!openvpn.awaitConnections(1, 10_000)) {
                throw new IllegalStateException("management client did not connect");
            }
            Thread.sleep(200);
            System.out.printf("devices %,d, window %d, decision threads 2, JVM %s, %d CPUs, max heap %d MiB%n",
                    devices, window, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);
            warmUp(openvpn);

            // Phase 1: storm
            outstanding = new Semaphore(window);
            answers = new CountDownLatch(devices);
            long start = System.nanoTime();
            for (int i = 0; i < devices; i++) {
                outstanding.acquire();
                connect(openvpn, i, i);
            }
            if (!answers.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("missing answers: " + answers.getCount());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("storm: %,d decisions in %.2f s = %,.0f decisions/s; latency %s%n", devices, seconds,
                    devices / seconds, percentiles(0, devices));
            boolean correct = allowed.get() == expectedAllowed && denied.get() == devices - expectedAllowed
                    && wrongDecisions.get() == 0;
            System.out.printf("decisions: %,d allowed (expected %,d), %,d denied, %d wrong%n", allowed.get(),
                    expectedAllowed, denied.get(), wrongDecisions.get());

            // Phase 2: all honest devices online
            long heapBefore = usedHeapAfterGc();
            transitions = new CountDownLatch(expectedAllowed);
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < devices; i++) {
                if (honest[i]) {
                    batch.append(established(i, i));
                    if (batch.length() > 64 * 1024) {
                        openvpn.write(batch.toString());
                        batch.setLength(0);
                    }
                }
            }
            openvpn.write(batch.toString());
            transitions.await(60, TimeUnit.SECONDS);
            long heapOnline = usedHeapAfterGc();
            System.out.printf("online: %,d devices; heap used after GC %.1f MiB (%.1f MiB before ESTABLISHED; "
                            + "%.0f bytes per online device for live status)%n", online.size(), heapOnline / 1048576.0,
                    heapBefore / 1048576.0, (heapOnline - heapBefore) / (double) Math.max(1, online.size()));
            correct &= online.size() == expectedAllowed;

            // Phase 3: steady churn at 2,000/s (open loop), devices reconnecting with new cids
            int steady = Math.min(10_000, devices);
            answers = new CountDownLatch(steady);
            outstanding = new Semaphore(Integer.MAX_VALUE / 2);
            long begin = System.nanoTime();
            for (int k = 0; k < steady; k++) {
                long due = begin + k * 500_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int device = k;
                openvpn.write(disconnected(device, device) + "");
                connect(openvpn, device, devices + device);
            }
            answers.await(60, TimeUnit.SECONDS);
            double steadySeconds = (System.nanoTime() - begin) / 1e9;
            System.out.printf("steady: %,d reconnects offered at 2,000/s took %.2f s; latency %s%n", steady,
                    steadySeconds, percentiles(devices, devices + steady));

            // Phase 4: everyone leaves
            transitions = new CountDownLatch(online.size());
            StringBuilder leave = new StringBuilder();
            for (Long cid : online.keySet()) {
                leave.append(disconnected(-1, cid));
            }
            openvpn.write(leave.toString());
            transitions.await(60, TimeUnit.SECONDS);
            System.out.printf("after all DISCONNECT: %,d online%n", online.size());
            correct &= online.isEmpty() && wrongDecisions.get() == 0;
            System.out.println(correct ? "RESULT: correct" : "RESULT: WRONG");
            return correct;
        } finally {
            decisions.shutdownNow();
            Files.deleteIfExists(dir.resolve("mgmt.sock"));
            Files.deleteIfExists(dir);
        }
    }

    private void warmUp(ManagementSocketStandIn openvpn) throws Exception {
        // Let the JIT compile the hot paths on a throw-away round, then reset the counters.
        outstanding = new Semaphore(window);
        int rounds = Math.min(2000, devices);
        answers = new CountDownLatch(rounds);
        for (int i = 0; i < rounds; i++) {
            outstanding.acquire();
            connect(openvpn, i, i);
        }
        answers.await(60, TimeUnit.SECONDS);
        allowed.set(0);
        denied.set(0);
        for (int i = 0; i < latency.length(); i++) {
            latency.set(i, 0);
        }
    }

    private void connect(ManagementSocketStandIn openvpn, int device, long cid) throws Exception {
        String cn = "dev-" + device;
        String password = honest[device] ? secrets[device] : DeviceSecret.generate(new SecureRandom());
        String text = ">CLIENT:CONNECT," + cid + ",1\r\n"
                + ">CLIENT:ENV,n_clients=" + online.size() + "\r\n"
                + ">CLIENT:ENV,IV_VER=2.6.14\r\n"
                + ">CLIENT:ENV,IV_PLAT=linux\r\n"
                + ">CLIENT:ENV,IV_PROTO=990\r\n"
                + ">CLIENT:ENV,IV_CIPHERS=AES-256-GCM:CHACHA20-POLY1305\r\n"
                + ">CLIENT:ENV,untrusted_ip=198.18." + (device / 256 % 256) + "." + (device % 256) + "\r\n"
                + ">CLIENT:ENV,untrusted_port=" + (20000 + device % 40000) + "\r\n"
                + ">CLIENT:ENV,username=" + cn + "\r\n"
                + ">CLIENT:ENV,password=" + password + "\r\n"
                + ">CLIENT:ENV,tls_serial_hex_0=" + Long.toHexString(device * 7919L) + "\r\n"
                + ">CLIENT:ENV,X509_0_CN=" + cn + "\r\n"
                + ">CLIENT:ENV,tls_id_0=CN=" + cn + "\r\n"
                + ">CLIENT:ENV,common_name=" + cn + "\r\n"
                + ">CLIENT:ENV,END\r\n";
        sentAt.set((int) cid, System.nanoTime());
        openvpn.write(text);
    }

    private static String established(int device, long cid) {
        String cn = "dev-" + device;
        return ">CLIENT:ESTABLISHED," + cid + "\r\n>CLIENT:ENV,common_name=" + cn + "\r\n"
                + ">CLIENT:ENV,trusted_ip=198.18." + (device / 256 % 256) + "." + (device % 256) + "\r\n"
                + ">CLIENT:ENV,ifconfig_pool_remote_ip=" + TUNNEL.host(device + 2) + "\r\n>CLIENT:ENV,END\r\n";
    }

    private static String disconnected(int device, long cid) {
        return ">CLIENT:DISCONNECT," + cid + "\r\n>CLIENT:ENV,bytes_received=1000\r\n>CLIENT:ENV,bytes_sent=2000\r\n"
                + ">CLIENT:ENV,END\r\n";
    }

    /** Called by the stand-in for every command the management client sent. */
    private void answered(String command) {
        boolean allow = command.startsWith("client-auth ");
        if (!allow && !command.startsWith("client-deny ")) {
            return;
        }
        long now = System.nanoTime();
        String[] words = command.split("[ \n]", 4);
        int cid = Integer.parseInt(words[1]);
        int device = cid % devices;
        latency.set(cid, now - sentAt.get(cid));
        if (allow != honest[device] || allow && !command.contains("ifconfig-push " + TUNNEL.host(device + 2) + " ")) {
            wrongDecisions.incrementAndGet();
        }
        (allow ? allowed : denied).incrementAndGet();
        outstanding.release();
        answers.countDown();
    }

    private String percentiles(int from, int to) {
        long[] values = new long[to - from];
        for (int i = from; i < to; i++) {
            values[i - from] = latency.get(i);
        }
        Arrays.sort(values);
        return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", at(values, 0.50), at(values, 0.90),
                at(values, 0.99), values[values.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private final class LiveStatus implements ClientEventListener {
        @Override
        public void established(String instance, ManagementEvent.ClientEstablished event) {
            online.put(event.cid(), new Online(event.env().commonName().orElse("?"),
                    event.env().virtualAddress().orElse(""), event.env().get("trusted_ip").orElse(""), Instant.now(), 0, 0));
            if (transitions != null) {
                transitions.countDown();
            }
        }

        @Override
        public void disconnected(String instance, ManagementEvent.ClientDisconnected event) {
            if (online.remove(event.cid()) != null && transitions != null) {
                transitions.countDown();
            }
        }

        @Override
        public void reconciled(String instance, List<ConnectedClient> connected) {
            // the stand-in starts empty
        }
    }
}
