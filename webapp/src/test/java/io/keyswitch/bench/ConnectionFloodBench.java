package io.keyswitch.bench;

import io.keyswitch.launcher.LoopbackPorts;
import io.keyswitch.vpn.bench.PortalProbe;
import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.testing.Databases;
import io.keyswitch.testing.FacesClient;
import io.keyswitch.testing.FacesClient.Page;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.TestDirs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A connection flood against the portal started with the appliance's JVM options (read from
 * {@code keyswitch-portal.service}) and Payara settings ({@code payara-listeners.asadmin}, or Payara's defaults with
 * {@code -Dkeyswitch.launcher.listener-settings=/dev/null}), as issue 12 found it: {@code GET /api/v1/devices}, each
 * request on a new TLS connection with a full handshake, no token or a wrong one, at a given rate. During the flood
 * the heap after a full GC is sampled every 10 s and a good client, signed in, reads a page of devices every 200 ms
 * on its own connection (from 127.0.0.1; the flood comes from 127.0.0.2, whose wrong tokens the login jail bans);
 * the portal's log is searched for {@code OutOfMemoryError}. Run by
 * {@code webapp/bench/connection-flood.sh}; prints one Markdown row per flood.
 *
 * <p>Arguments: {@code RATE:REQUESTS ...}, e.g. {@code 105:12000 1050:120000}.
 */
public final class ConnectionFloodBench {

    private static final String PASSWORD = "Bench-Flood-Password-1";
    private static final int FLOOD_THREADS = 400;
    /** The flood's source address; the good client uses 127.0.0.1. */
    private static final String FLOOD_SOURCE = "127.0.0.2";

    private ConnectionFloodBench() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            measure(args);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static void measure(String[] floods) throws Exception {
        DatabaseCoordinates db = Databases.fresh("keyswitch_bench_flood");
        Path home = TestDirs.fresh("portal-bench-flood");
        List<String> jvm = applianceJvmOptions();
        String listener = System.getProperty(PortalProcess.LISTENER_SETTINGS) == null ? "the appliance's listener settings"
                : "listener settings from " + System.getProperty(PortalProcess.LISTENER_SETTINGS);
        System.out.println("portal JVM options (from keyswitch-portal.service): " + String.join(" ", jvm) + "; " + listener);
        int httpsPort = LoopbackPorts.free();
        try (PortalProcess portal = PortalProcess.start(new PortalProcess.Options(TestDirs.war(), TestDirs.payaraJar(), home, db,
                "127.0.0.1", LoopbackPorts.free(), httpsPort, "384m", line -> { }), Map.of(), jvm)) {
            portal.awaitReady(Duration.ofMinutes(5));
            makeGoodClient(db);
            Path log = home.resolve("logs/payara.log");
            System.out.printf(Locale.ROOT, "portal ready (pid %d); heap after GC %.1f MiB, RSS %s; load %s%n", portal.pid(),
                    PortalProbe.heapAfterGcMiB(portal.pid()), PortalProbe.rss(portal.pid()), PortalProbe.loadAverage());
            GoodClient quiet = new GoodClient(portal.url());
            quiet.runFor(Duration.ofSeconds(20));
            System.out.printf(Locale.ROOT, "good client without a flood: %d pages, p50 %.0f ms, p95 %.0f ms%n", quiet.count(),
                    quiet.ms(0.50), quiet.ms(0.95));
            System.out.println();
            System.out.println("| offered | requests | attempted/s | answers | refused or failed (client side) | heap after GC: before → max"
                    + " during → 60 s after (MiB) | portal RSS max | OutOfMemoryError | portal alive | good client p50 / p95 / max,"
                    + " failed |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            for (String flood : floods) {
                String[] parts = flood.split(":");
                flood(portal, httpsPort, log, Double.parseDouble(parts[0]), Integer.parseInt(parts[1]));
            }
        }
    }

    private static void flood(PortalProcess portal, int port, Path log, double rate, int requests) throws Exception {
        long pid = portal.pid();
        double before = PortalProbe.heapAfterGcMiB(pid);
        long ooms = count(log, "OutOfMemoryError");
        Flood flood = new Flood(port, rate, requests);
        GoodClient good = new GoodClient(portal.url());
        AtomicBoolean running = new AtomicBoolean(true);
        List<Double> heap = Collections.synchronizedList(new ArrayList<>());
        List<Double> rss = Collections.synchronizedList(new ArrayList<>());
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                try {
                    Thread.sleep(10_000);
                    if (running.get() && alive(pid)) {
                        heap.add(PortalProbe.heapAfterGcMiB(pid));
                        rss.add(Double.parseDouble(PortalProbe.rss(pid).replace(" MiB", "")));
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    heap.add(Double.NaN);
                }
            }
        }, "heap-sampler");
        Thread goodThread = new Thread(() -> good.runUntil(running), "good-client");
        sampler.start();
        goodThread.start();
        long t0 = System.nanoTime();
        flood.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        running.set(false);
        sampler.interrupt();
        sampler.join();
        goodThread.join();
        boolean alive = alive(pid);
        double after = Double.NaN;
        if (alive) {
            Thread.sleep(60_000);
            after = PortalProbe.heapAfterGcMiB(pid);
        }
        double maxHeap = heap.stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        double maxRss = rss.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "| %.0f/s | %d | %.0f | %s | %s | %.1f → %.1f → %.1f (samples: %s) | %.0f MiB | %d | %s |"
                        + " %.0f / %.0f / %.0f ms, %d of %d |%n",
                rate, requests, requests / seconds, flood.answers(), flood.failures(), before, maxHeap, after, samples(heap), maxRss,
                count(log, "OutOfMemoryError") - ooms, alive ? "yes" : "NO", good.ms(0.50), good.ms(0.95), good.ms(1.0),
                good.failed(), good.count() + good.failed());
    }

    private static String samples(List<Double> heap) {
        StringBuilder s = new StringBuilder();
        synchronized (heap) {
            for (Double d : heap) {
                s.append(s.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.0f", d));
            }
        }
        return s.toString();
    }

    /** The options of the appliance's {@code java} command line that tune the JVM (-X..., -XX:...). */
    private static List<String> applianceJvmOptions() throws IOException {
        Path unit = Path.of(System.getProperty("keyswitch.appliance.unit",
                "appliance/rootfs/etc/systemd/system/keyswitch-portal.service"));
        String text = Files.readString(unit).replace("\\\n", " ");
        String exec = text.lines().filter(l -> l.startsWith("ExecStart=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no ExecStart in " + unit));
        return Arrays.stream(exec.split("\\s+")).filter(w -> w.startsWith("-X")).toList();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static long count(Path log, String text) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(text)).count();
        }
    }

    private static void makeGoodClient(DatabaseCoordinates db) throws Exception {
        long account = Fixtures.account(db, "bench");
        Fixtures.user(db, account, "good", PASSWORD, List.of("device:view"));
        for (int i = 0; i < 50; i++) {
            Fixtures.device(db, account, "press-" + i, "192.168.0.0/24", "100.64." + i + ".0/24");
        }
    }

    /** The flood: one thread per connection in flight, each request on a new connection with a full handshake. */
    private static final class Flood {
        private final int port;
        private final double rate;
        private final int requests;
        private final AtomicLong next = new AtomicLong();
        private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        private final SSLSocketFactory tls = trustingTls();

        Flood(int port, double rate, int requests) {
            this.port = port;
            this.rate = rate;
            this.requests = requests;
        }

        void run() throws InterruptedException {
            ExecutorService pool = Executors.newFixedThreadPool(FLOOD_THREADS);
            long start = System.nanoTime();
            long period = (long) (1e9 / rate);
            for (int t = 0; t < FLOOD_THREADS; t++) {
                pool.submit(() -> {
                    for (long k = next.getAndIncrement(); k < requests; k = next.getAndIncrement()) {
                        long wait = start + k * period - System.nanoTime();
                        if (wait > 0) {
                            try {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                        one(k);
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS);
        }

        private void one(long k) {
            try (SSLSocket socket = (SSLSocket) tls.createSocket()) {
                // from another loopback address than the good client's: the login jail bans the flood's address
                socket.bind(new java.net.InetSocketAddress(FLOOD_SOURCE, 0));
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(30_000);
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                String token = k % 2 == 0 ? "" : "Authorization: Bearer ks_" + "w".repeat(32) + "\r\n";
                out.write(("GET /api/v1/devices HTTP/1.1\r\nHost: localhost\r\n" + token + "Connection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                String status = in.readLine();
                String code = status == null ? "no answer" : status.split(" ")[1];
                while (in.readLine() != null) {
                    // drain: the server closes
                }
                socket.getSession().invalidate(); // no resumption: every connection a full handshake, as the flood
                answers.computeIfAbsent(code, c -> new LongAdder()).increment();
            } catch (IOException | RuntimeException e) {
                failures.computeIfAbsent(e.getClass().getSimpleName(), c -> new LongAdder()).increment();
            }
        }

        String answers() {
            return format(answers);
        }

        String failures() {
            return failures.isEmpty() ? "none" : format(failures);
        }

        private static String format(Map<String, LongAdder> counts) {
            StringBuilder s = new StringBuilder();
            new TreeMap<>(counts).forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(": ").append(v.sum()));
            return s.toString();
        }
    }

    /** A person signed in, reading the devices page every 200 ms on a connection of their own. */
    private static final class GoodClient {
        private final String url;
        private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        private final LongAdder failed = new LongAdder();

        GoodClient(String url) {
            this.url = url;
        }

        void runFor(Duration d) {
            AtomicBoolean running = new AtomicBoolean(true);
            Thread stop = new Thread(() -> {
                try {
                    Thread.sleep(d.toMillis());
                } catch (InterruptedException ignored) {
                    // stop now
                }
                running.set(false);
            });
            stop.start();
            runUntil(running);
        }

        void runUntil(AtomicBoolean running) {
            FacesClient browser = null;
            while (running.get()) {
                try {
                    if (browser == null) {
                        browser = new FacesClient(url);
                        Page form = browser.get("/login.xhtml");
                        Page home = browser.submit(form, "loginForm", Map.of("account", "bench", "username", "good",
                                "password", PASSWORD), "login");
                        if (!"/index.xhtml".equals(home.path())) {
                            throw new IllegalStateException("login failed: " + home.status() + " " + home.path());
                        }
                    }
                    long t0 = System.nanoTime();
                    Page devices = browser.get("/devices.xhtml");
                    long t = System.nanoTime() - t0;
                    if (devices.status() == 200 && devices.contains("press-")) {
                        nanos.add(t);
                    } else {
                        failed.increment();
                        browser = null;
                    }
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    failed.increment();
                    browser = null;
                }
            }
        }

        int count() {
            return nanos.size();
        }

        long failed() {
            return failed.sum();
        }

        double ms(double q) {
            List<Long> sorted;
            synchronized (nanos) {
                sorted = new ArrayList<>(nanos);
            }
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            Collections.sort(sorted);
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1))) / 1e6;
        }
    }

    private static SSLSocketFactory trustingTls() {
        SSLContext ssl = PortalProcess.trustingTls();
        ssl.getClientSessionContext().setSessionCacheSize(1);
        return ssl.getSocketFactory();
    }
}
