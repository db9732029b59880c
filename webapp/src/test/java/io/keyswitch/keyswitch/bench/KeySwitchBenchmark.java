package io.keyswitch.keyswitch.bench;

import io.keyswitch.security.totp.TotpSecret;
import io.keyswitch.testing.ApiClient;
import io.keyswitch.testing.Fixtures;
import io.keyswitch.testing.VpnLab;
import io.keyswitch.vpn.bench.PortalProbe;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue 15's figure "key switch off → connection closed", end to end with the reporting included, through the real
 * portal and data path (VpnLab): a reference device (router + PLC) holds its tunnel and runs its report loop
 * ({@code report.sh}, which reports at once when {@code input.sh} switches an input; here it keeps the tunnel whatever
 * the answer says, so that only the portal's cut is measured); its key switch is needed. Each trial: the key turned on
 * ({@code input.sh in1 on}) and seen by the portal, the technician's Connect (OPEN), a TCP session to the PLC echoing a
 * line every 50 ms; then {@code input.sh in1 off} at t0, and
 * <ul>
 *   <li>data cut: the last echo through the session after t0 (the session's line interval, 50 ms, is its resolution);</li>
 *   <li>record closed: when the connection's record reads CLOSED ("key switch off") through the API (polled every 20 ms).</li>
 * </ul>
 * p50/p95/max over the trials. Needs root, ip, nft, openvpn, python3-nftables, curl. Arguments: [trials] [heap].
 */
public final class KeySwitchBenchmark {

    private static final String ADMIN = "ks_" + "V".repeat(16) + "keysBenchAdmin01";
    private static final String TECH = "ks_" + "W".repeat(16) + "keysBenchTech001";
    private static final String PASSWORD = "KeySwitch-Bench-2026";

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        String heap = args.length > 1 ? args[1] : "384m";
        try (VpnLab lab = new VpnLab("kb", 65, 12260, Map.of("keyswitch.connections.sweep-seconds", "5"))) {
            lab.heap(heap);
            lab.startFirewallHelper();
            lab.startPortal();
            var db = lab.db();
            long account = Fixtures.account(db, "bench-keys");
            Fixtures.apiToken(db, account, Fixtures.user(db, account, "admin", PASSWORD, List.of("device:view",
                    "device:edit", "component:edit", "connection:view")), ADMIN);
            long tech = Fixtures.user(db, account, "tech", PASSWORD, List.of("device:connect"));
            Fixtures.apiToken(db, account, tech, TECH);
            TotpSecret totp = lab.enrolTotp(tech);
            VpnLab.Device device = lab.newDevice(ADMIN, "Press", "192.168.0.0/24");
            lab.newComponent(ADMIN, device.id(), "PLC", "192.168.0.10", "tcp/102");
            Fixtures.update(db, "INSERT INTO access_grant (account_id, user_id, device_id, created_at)"
                    + " VALUES (?, ?, ?, UTC_TIMESTAMP(3))", account, tech, device.id());
            check(lab.api(ADMIN).put("/devices/" + device.id() + "/key-switch",
                    "{\"choice\":\"on\",\"reason\":\"benchmark\"}"), 200);
            Path certificate = lab.forwardPublicPort();
            lab.referenceDevice("kb", device, null);
            lab.input("kb", "in1", "off");
            lab.reportLoop("kb", device, certificate, 30, Map.of("KS_TUNNEL", "keep"));
            VpnLab.Technician t = lab.technician(profile(lab), "tech", PASSWORD, VpnLab.code(totp, 0), "tech");
            if (!lab.awaitUp(t, 30_000)) {
                throw new IllegalStateException("technician tunnel not up:\n" + lab.log("tech"));
            }
            String plc = device.virtualSubnet().replace(".0/24", ".10");
            System.out.println("Load average before: " + PortalProbe.loadAverage());

            long[] cut = new long[trials];
            long[] closed = new long[trials];
            for (int i = 0; i < trials; i++) {
                lab.input("kb", "in1", "on");
                await(lab, "/devices/" + device.id() + "/key-switch", ADMIN, j -> j.getString("keySwitch").equals("on"));
                ApiClient.Answer made = lab.api(TECH).post("/connections",
                        "{\"deviceId\":" + device.id() + ",\"reason\":\"benchmark\"}");
                check(made, 201);
                if (!made.json().getString("state").equals("OPEN")) {
                    throw new IllegalStateException("not open: " + made.body());
                }
                long id = made.json().getJsonNumber("id").longValue();
                String run = "stream" + i;
                Process stream = lab.probeInBackground(run, "stream", plc, "102", "20");
                if (!VpnLab.awaitLog(lab.dir().resolve(run + ".log"), "echo", 20_000)) {
                    throw new IllegalStateException("no echo through the connection:\n" + lab.log(run));
                }
                Thread.sleep(300);

                long t0 = System.currentTimeMillis();
                lab.input("kb", "in1", "off");
                JsonObject record = await(lab, "/connections/" + id, TECH, j -> j.getString("state").equals("CLOSED"));
                closed[i] = System.currentTimeMillis() - t0;
                stream.waitFor(30, TimeUnit.SECONDS);
                long lastEcho = Files.readAllLines(lab.dir().resolve(run + ".log")).stream()
                        .filter(l -> l.startsWith("echo ")).mapToLong(l -> Long.parseLong(l.substring(5))).max().orElse(t0);
                cut[i] = Math.max(0, lastEcho - t0);
                if (!record.getString("closeCause").equals("KEY_SWITCH_OFF")) {
                    throw new IllegalStateException("closed for another cause: " + record);
                }
                System.out.println("trial " + (i + 1) + ": data cut " + cut[i] + " ms, record closed " + closed[i] + " ms");
            }
            System.out.println("FIGURE key switch off -> data cut (last echo after input.sh in1 off, " + trials + " trials): "
                    + percentiles(cut));
            System.out.println("FIGURE key switch off -> record CLOSED 'key switch off' seen through the API (" + trials
                    + " trials): " + percentiles(closed));
            System.out.println("Load average after: " + PortalProbe.loadAverage());
        }
        System.exit(0); // the embedded database's watchdog thread would keep the JVM alive
    }

    private static JsonObject await(VpnLab lab, String path, String token, java.util.function.Predicate<JsonObject> condition)
            throws InterruptedException {
        long end = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < end) {
            ApiClient.Answer a = lab.api(token).get(path);
            if (a.status() == 200 && condition.test(a.json())) {
                return a.json();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(path + " did not get there within 20 s:\n" + lab.log("report-kb"));
    }

    private static String profile(VpnLab lab) {
        ApiClient.Answer made = lab.api(TECH).post("/vpn/technician-profile", "{\"reason\":\"benchmark\"}");
        check(made, 200);
        return made.json().getString("profile");
    }

    private static void check(ApiClient.Answer a, int status) {
        if (a.status() != status) {
            throw new IllegalStateException("expected " + status + ": " + a.body());
        }
    }

    private static String percentiles(long[] millis) {
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format("p50 %d ms, p95 %d ms, max %d ms", sorted[sorted.length / 2],
                sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)], sorted[sorted.length - 1]);
    }
}
