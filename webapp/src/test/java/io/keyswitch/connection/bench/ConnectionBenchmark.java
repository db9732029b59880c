package io.keyswitch.connection.bench;

import io.keyswitch.security.totp.TotpSecret;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.SystemTier;
import io.keyswitch.testing.VpnLab;
import io.keyswitch.vpn.bench.PortalProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 11's figures through the real portal and the real data path (VpnLab: the portal's OpenVPN instance, the
 * appliance's forward ruleset and the firewall helper in namespaces), with the appliance's heap:
 * <ol>
 *   <li>Connect → rules in place: one technician with the tunnel up connects and disconnects {@code iterations}
 *       times; each Connect answers OPEN only once the firewall holds its rules (checked), each Disconnect once they
 *       are gone: p50/p95/max of both;</li>
 *   <li>N technicians (default 250) each with a real OpenVPN client, each connecting to a device of their own (four
 *       rules each: tcp/102, tcp/502, udp/47808, icmp): Connect latency while the sets grow, all open, the sets'
 *       sizes, RSS of the portal, the helper and the OpenVPN server, the portal's heap after a full GC;</li>
 *   <li>the portal killed (SIGKILL) with all N open and started again: the time from its start until every record is
 *       closed ("portal restarted") and the sets are empty, as the portal's own log line says it and as seen from
 *       outside.</li>
 * </ol>
 * Needs root, ip, nft, openvpn, python3-nftables. The clients share one namespace and run with
 * {@code --ifconfig-noexec --route-noexec}: their tunnels are up (the portal sees each established), no traffic flows.
 * Arguments: [technicians] [iterations] [heap] [clients started per second].
 */
public final class ConnectionBenchmark {

    private static final String ADMIN = "ks_" + "S".repeat(16) + "connBenchAdmin01";
    private static final String PASSWORD = "Connection-Bench-2026";

    private final Map<String, String> figures = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        int technicians = args.length > 0 ? Integer.parseInt(args[0]) : 250;
        if (technicians > 255) {
            throw new IllegalArgumentException("at most 255 technicians: each has a device of its own in one /16 pool");
        }
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String heap = args.length > 2 ? args[2] : "384m";
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 25;
        new ConnectionBenchmark().run(technicians, iterations, heap, rate);
    }

    private void run(int technicians, int iterations, String heap, int rate) throws Exception {
        try (VpnLab lab = new VpnLab("cb", 64, 12160, Map.of("keyswitch.vpn.max-clients", Integer.toString(technicians + 10),
                "keyswitch.vpn.tunnel-prefix", "21", "keyswitch.connections.max", Integer.toString(technicians + 10)))) {
            lab.heap(heap);
            lab.startFirewallHelper();
            lab.startPortal();
            var db = lab.db();
            long account = Fixtures.account(db, "bench-conn");
            Fixtures.apiToken(db, account, Fixtures.user(db, account, "admin", PASSWORD,
                    List.of("device:view", "device:edit", "component:edit", "connection:view", "connection:end")), ADMIN);
            String pool = Fixtures.pool(db, account);
            String prefix = pool.substring(0, pool.indexOf(".0.0/"));
            List<String> tokens = new ArrayList<>();
            List<Long> devices = new ArrayList<>();
            List<TotpSecret> secrets = new ArrayList<>();
            for (int i = 0; i <= technicians; i++) { // technician 0: the latency run
                long user = Fixtures.user(db, account, "t" + i, PASSWORD, List.of("device:connect"));
                String token = "ks_" + "T".repeat(16) + String.format("connBench%07d", i);
                Fixtures.apiToken(db, account, user, token);
                tokens.add(token);
                secrets.add(lab.enrolTotp(user));
                long device = Fixtures.device(db, account, "Machine " + i, "192.168.0.0/24", prefix + "." + i + ".0/24");
                devices.add(device);
                Fixtures.component(db, account, device, "PLC", "192.168.0.10", "tcp/102, tcp/502, udp/47808, icmp");
                Fixtures.update(db, "INSERT INTO access_grant (account_id, user_id, device_id, created_at)"
                        + " VALUES (?, ?, ?, UTC_TIMESTAMP(3))", account, user, device);
            }
            figure("load before", PortalProbe.loadAverage());

            // 1. Connect -> rules in place, Disconnect -> rules gone, one technician
            VpnLab.Technician latency = lab.technician(profile(lab, tokens.get(0)), "t0", PASSWORD,
                    VpnLab.code(secrets.get(0), 0), "lat");
            if (!lab.awaitUp(latency, 30_000)) {
                throw new IllegalStateException("the latency technician's tunnel did not come up:\n" + lab.log("lat"));
            }
            long[] connect = new long[iterations];
            long[] disconnect = new long[iterations];
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                ApiClient.Answer made = lab.api(tokens.get(0)).post("/connections",
                        "{\"deviceId\":" + devices.get(0) + ",\"reason\":\"benchmark\"}");
                connect[i] = System.nanoTime() - t0;
                if (made.status() != 201 || !made.json().getString("state").equals("OPEN")) {
                    throw new IllegalStateException("Connect did not open: " + made.body());
                }
                if (i < 5 && lab.rules().size() != 4) {
                    throw new IllegalStateException("Connect answered OPEN without its 4 rules: " + lab.rules());
                }
                long id = made.json().getJsonNumber("id").longValue();
                long t1 = System.nanoTime();
                ApiClient.Answer gone = lab.api(tokens.get(0)).post("/connections/" + id + "/disconnect", "{}");
                disconnect[i] = System.nanoTime() - t1;
                if (gone.status() != 200 || (i < 5 && !lab.rules().isEmpty())) {
                    throw new IllegalStateException("Disconnect did not take the rules out: " + gone.body() + " " + lab.rules());
                }
            }
            figure("Connect -> OPEN with its rules in place (API round trip, " + iterations + " times)", percentiles(connect));
            figure("Disconnect -> rules out (API round trip, " + iterations + " times)", percentiles(disconnect));
            SystemTier.stop(latency.process());

            // 2. N technicians with real tunnels, each connected to its own device
            long profiles = System.nanoTime();
            List<Path[]> files = new ArrayList<>();
            for (int i = 1; i <= technicians; i++) {
                String profile = profile(lab, tokens.get(i)).lines().filter(l -> !l.startsWith("static-challenge"))
                        .reduce("", (a, b) -> a + b + "\n");
                Path ovpn = write(lab.dir().resolve("b" + i + ".ovpn"), profile);
                files.add(new Path[] {ovpn, null});
            }
            figure("technician profiles made through the API (" + technicians + ")", ms(System.nanoTime() - profiles));
            long dialling = System.nanoTime();
            List<Process> clients = new ArrayList<>();
            for (int i = 1; i <= technicians; i++) {
                Path auth = write(lab.dir().resolve("b" + i + ".auth"), "t" + i + "\nSCRV1:" + b64(PASSWORD) + ":"
                        + b64(VpnLab.code(secrets.get(i), 0)) + "\n");
                clients.add(new ProcessBuilder("ip", "netns", "exec", lab.laptops(), "openvpn", "--config",
                        files.get(i - 1)[0].toString(), "--auth-user-pass", auth.toString(), "--ifconfig-noexec",
                        "--route-noexec", "--verb", "1").redirectErrorStream(true)
                        .redirectOutput(lab.dir().resolve("b" + i + ".log").toFile()).start());
                Thread.sleep(1000L / rate);
            }
            long end = System.currentTimeMillis() + 300_000;
            long up;
            while ((up = Fixtures.count(db, "SELECT COUNT(DISTINCT target) FROM audit_event WHERE action = 'vpn.connect'"
                    + " AND target LIKE 'user:%' AND account_id = ?", account)) < technicians + 1 && System.currentTimeMillis() < end) {
                Thread.sleep(500);
            }
            figure("technician tunnels up (the portal saw each established)", (up - 1) + " of " + technicians + " in "
                    + ms(System.nanoTime() - dialling));
            long[] scaled = new long[technicians];
            for (int i = 1; i <= technicians; i++) {
                long t0 = System.nanoTime();
                ApiClient.Answer made = lab.api(tokens.get(i)).post("/connections",
                        "{\"deviceId\":" + devices.get(i) + ",\"reason\":\"benchmark\"}");
                scaled[i - 1] = System.nanoTime() - t0;
                if (made.status() != 201) {
                    throw new IllegalStateException("Connect " + i + ": " + made.body());
                }
            }
            figure("Connect -> OPEN while the sets grow from 0 to " + technicians * 4 + " rules", percentiles(scaled));
            figure("connections open", Fixtures.count(db, "SELECT COUNT(*) FROM connection WHERE state = 'OPEN'") + " of "
                    + technicians);
            figure("set sizes (nft)", "out " + lab.elements("out") + ", back " + lab.elements("back") + ", icmp_out "
                    + lab.elements("icmp_out") + ", icmp_back " + lab.elements("icmp_back"));
            Thread.sleep(12_000); // one count of the rules' bytes and a comparison of the firewall with the database
            figure("portal RSS, " + technicians + " open", PortalProbe.rss(lab.portal().pid()));
            figure("portal heap after a full GC", PortalProbe.heapAfterGc(lab.portal().pid()));
            figure("firewall helper RSS", PortalProbe.rss(lab.firewallHelper().pid()));
            for (long pid : SystemTier.pids(lab.appliance())) {
                String cmd = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
                if (cmd.contains("openvpn") && cmd.contains("acct-" + account)) {
                    figure("OpenVPN server RSS, " + technicians + " technicians", PortalProbe.rss(pid));
                }
            }
            figure("one technician client's RSS", PortalProbe.rss(clients.get(0).pid()));
            figure("load after", PortalProbe.loadAverage());

            // 3. the portal is killed (SIGKILL, as a crash) with all of them open, and started again
            lab.killPortal();
            figure("rules in the firewall while the portal is down", Integer.toString(lab.rules().size()));
            long restarting = System.nanoTime();
            lab.startPortal();
            long ready = System.nanoTime();
            while (!lab.rules().isEmpty()
                    || Fixtures.count(db, "SELECT COUNT(*) FROM connection WHERE state <> 'CLOSED'") > 0) {
                Thread.sleep(50);
            }
            figure("portal restart: Payara start to ready", ms(ready - restarting));
            figure("portal restart: ready -> all " + technicians + " records closed and the sets empty (seen from outside)",
                    ms(System.nanoTime() - ready));
            figure("portal restart: the engine's own measure", lab.portalLog().lines()
                    .filter(l -> l.contains("Connections at start:")).reduce((a, b) -> b).orElse("?").replaceAll(".*Connections", "Connections"));
            figure("records by how they ended", Fixtures.string(db, "SELECT GROUP_CONCAT(CONCAT(close_cause, ' ', n))"
                    + " FROM (SELECT close_cause, COUNT(*) n FROM connection GROUP BY close_cause) x"));
            for (Process c : clients) {
                c.destroy();
            }
        }
        System.out.println();
        figures.forEach((k, v) -> System.out.println("RESULT " + k + ": " + v));
    }

    private static String profile(VpnLab lab, String token) {
        ApiClient.Answer made = lab.api(token).post("/vpn/technician-profile", "{\"reason\":\"benchmark\"}");
        if (made.status() != 200) {
            throw new IllegalStateException("technician profile: " + made.body());
        }
        return made.json().getString("profile");
    }

    private static Path write(Path file, String text) throws Exception {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.1f ms, p95 %.1f ms, max %.1f ms", sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static String ms(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }

    private void figure(String what, String value) {
        figures.put(what, value);
        System.out.println("FIGURE " + what + ": " + value);
    }
}
