package io.keyswitch.vpn.bench;

import io.keyswitch.launcher.PortalProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Routers reporting over the reporting channel while the VPN benchmark runs: {@code POST /api/v1/device-reports} with
 * Basic authentication (identity and secret) and five machine values, offered open loop at a fixed rate (20,000
 * routers every 60 s = 333 a second), each report on a new HTTPS connection as separate routers make them (a full TLS
 * handshake each: the portal does not resume these clients' sessions), or with KEYSWITCH_BENCH_KEEP_ALIVE=1 on
 * connections kept open. Latency is from the report's due time to its answer, so a client or server falling
 * behind shows in it.
 */
final class DeviceReportLoad implements AutoCloseable {

    private static final int MAX_RECORDED = 2_000_000;
    /**
     * KEYSWITCH_BENCH_KEEP_ALIVE=1: the senders keep their connections open (the JDK's keep-alive cache), so no report
     * pays a TLS handshake — what is left is the report path itself (routers that keep one connection would see it).
     */
    private static final boolean KEEP_ALIVE = "1".equals(System.getenv("KEYSWITCH_BENCH_KEEP_ALIVE"));

    /**
     * The senders' side of each handshake in BoringSSL (Conscrypt) instead of the JDK's TLS, unless
     * KEYSWITCH_BENCH_CLIENT_TLS=jdk (the figures before 2026-12-06). The routers do their handshakes on their own
     * processors; here the stand-in for 20,000 of them shares the portal's two cores, and the JDK's client handshake
     * costs as much processor time as the portal's side. The portal's side is the JDK's TLS either way.
     */
    private static final boolean CLIENT_CONSCRYPT = !"jdk".equals(System.getenv("KEYSWITCH_BENCH_CLIENT_TLS"));

    private final String url;
    private final String[] identities;
    private final String[] secrets;
    private final int rate;
    private final SSLSocketFactory tls =
            PortalProcess.trustingTls(CLIENT_CONSCRYPT ? org.conscrypt.Conscrypt.newProvider() : null).getSocketFactory();
    private final ExecutorService senders = Executors.newFixedThreadPool(32);
    private final Thread pacer;
    private final AtomicLongArray latency = new AtomicLongArray(MAX_RECORDED);
    private final AtomicInteger recorded = new AtomicInteger();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile long begin;
    private volatile long end;

    /** Starts reporting at {@code rate} a second, round-robin over the devices. */
    DeviceReportLoad(String portalUrl, String[] identities, String[] secrets, int rate) {
        this.url = portalUrl + "api/v1/device-reports";
        this.identities = identities;
        this.secrets = secrets;
        this.rate = rate;
        this.pacer = new Thread(this::pace, "device-report-load");
        pacer.setDaemon(true);
        pacer.start();
    }

    private void pace() {
        begin = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (long k = 0; running; k++) {
            long due = begin + k * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            int device = (int) (k % identities.length);
            long n = k;
            senders.execute(() -> send(device, due, n));
        }
    }

    private void send(int device, long due, long n) {
        int status;
        try {
            HttpsURLConnection c = (HttpsURLConnection) URI.create(url).toURL().openConnection();
            c.setSSLSocketFactory(tls);
            c.setHostnameVerifier((host, session) -> true); // loopback, the portal's self-signed certificate
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setConnectTimeout(10_000);
            c.setReadTimeout(30_000);
            if (!KEEP_ALIVE) {
                c.setRequestProperty("Connection", "close");
            }
            c.setRequestProperty("Content-Type", "application/json");
            c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (identities[device] + ":" + secrets[device]).getBytes(StandardCharsets.UTF_8)));
            byte[] body = ("{\"system\":{\"in1\":" + (n % 2 == 0) + ",\"signal\":" + (-60 - n % 20) + "},\"values\":["
                    + "{\"name\":\"temperature\",\"value\":" + (20 + n % 7) + ".5,\"unit\":\"°C\"},"
                    + "{\"name\":\"counter\",\"value\":" + n + "},{\"name\":\"running\",\"value\":true}]}")
                    .getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
        } catch (IOException e) {
            status = -1;
        }
        statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
        int i = recorded.getAndIncrement();
        if (i < MAX_RECORDED) {
            latency.set(i, System.nanoTime() - due);
        }
    }

    /** Stops offering reports and waits for those sent to be answered. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        pacer.interrupt();
        pacer.join();
        end = System.nanoTime();
        senders.shutdown();
        senders.awaitTermination(60, TimeUnit.SECONDS);
    }

    /** One line: how many were offered and answered how, at what rate, with what latency. */
    String summary() {
        int n = Math.min(recorded.get(), MAX_RECORDED);
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = latency.get(i);
        }
        Arrays.sort(sorted);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        statuses.forEach((s, c) -> byStatus.put(s, c.get()));
        double seconds = (end - begin) / 1e9;
        return n == 0 ? "no reports" : String.format("%,d reports offered at %,d/s over %.0f s (%,.0f/s answered), HTTP %s;"
                        + " p50 %.1f, p95 %.1f, p99 %.1f, max %.1f ms (senders' TLS: %s, %s)", n, rate, seconds, n / seconds,
                byStatus, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted[n - 1] / 1e6,
                CLIENT_CONSCRYPT ? "BoringSSL" : "JDK", KEEP_ALIVE ? "connections kept open" : "a new connection each");
    }

    /** Whether every report offered was answered with this status. */
    boolean allAnswered(int status) {
        int all = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
        AtomicInteger ok = statuses.get(status);
        return all > 0 && ok != null && ok.get() == all;
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (quantile * sorted.length))] / 1e6;
    }
}
