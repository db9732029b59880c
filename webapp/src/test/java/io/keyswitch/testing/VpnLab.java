package io.keyswitch.testing;

import io.keyswitch.launcher.LoopbackPorts;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.launcher.PortalProcess;
import io.keyswitch.security.internal.TotpSecretCipher;
import io.keyswitch.security.totp.TotpAlgorithm;
import io.keyswitch.security.totp.TotpGenerator;
import io.keyswitch.security.totp.TotpSecret;
import io.keyswitch.vpn.instance.OpenVpnProbe;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A small appliance in network namespaces for the system tier, through the REAL portal: an "appliance" namespace where
 * the portal's OpenVPN instances run (started by the portal itself, {@code supervisor=process}), the appliance's
 * forward ruleset ({@code appliance/rootfs/etc/keyswitch/nftables-forward.nft}) and the firewall helper
 * ({@code keyswitch-firewall}) the portal talks to; a "laptops" namespace where technicians' OpenVPN clients run; and
 * reference devices ({@code appliance/reference-device/up.sh}) cabled to the appliance namespace. The portal runs as
 * root on 127.0.0.1. Everything it starts it stops by PID, and every namespace and file it made it removes.
 */
public final class VpnLab implements AutoCloseable {

    /** A device as the API made it: its identity (the router's user name), its secret (shown once), its profile. */
    public record Device(long id, String identity, String secret, String profile, String virtualSubnet) {
    }

    /**
     * A technician's running OpenVPN client: its process, its log, the tunnel interface in the laptops namespace, its
     * management socket, and the challenge OpenVPN asked (the profile's static challenge).
     */
    public record Technician(Process process, Path log, String tun, SocketChannel management, String challenge) {
    }

    private final String tag = Long.toString(ProcessHandle.current().pid() % 100_000);
    private final String appliance;
    private final String laptops;
    private final String applianceAddress;
    private final Path dir;
    private final Path repository = repository();
    private final List<Process> processes = new ArrayList<>();
    private final List<String> referenceDevices = new ArrayList<>();
    private final Map<String, Integer> cables = new HashMap<>();
    private final List<String> clientNamespaces = new ArrayList<>();
    private final List<String> console = new CopyOnWriteArrayList<>();
    private final Map<String, String> properties = new HashMap<>();
    private final byte[] totpKey = new byte[32];
    private final DatabaseCoordinates db;
    private final Path home;
    private final int httpsPort = LoopbackPorts.free();
    private final int httpPort = LoopbackPorts.free();
    private Process firewallHelper;
    private String heap = "256m";
    private PortalProcess portal;
    private boolean namespacesMade;
    private int wanCables;

    /**
     * A lab named {@code name} (1-6 of [a-z]: the namespaces are {@code <name>-app-<pid>} and {@code <name>-lap-<pid>});
     * the appliance is {@code 10.255.<subnet>.1} for the laptops. {@code portalProperties} come on top of the lab's own.
     */
    public VpnLab(String name, int subnet, int portBase, Map<String, String> portalProperties) throws Exception {
        SystemTier.require("/usr/bin/python3");
        appliance = name + "-app-" + tag;
        laptops = name + "-lap-" + tag;
        applianceAddress = "10.255." + subnet + ".1";
        new SecureRandom().nextBytes(totpKey);
        dir = Files.createTempDirectory("keyswitch-" + name);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        db = Databases.fresh("keyswitch_" + name);
        home = TestDirs.fresh("portal-" + name);
        properties.putAll(Map.ofEntries(
                Map.entry("keyswitch.vpn.supervisor", "process"),
                Map.entry("keyswitch.vpn.config-dir", dir.resolve("openvpn").toString()),
                Map.entry("keyswitch.vpn.socket-dir", dir.resolve("run").toString()),
                Map.entry("keyswitch.vpn.public-host", applianceAddress),
                Map.entry("keyswitch.vpn.port-base", Integer.toString(portBase)),
                Map.entry("keyswitch.vpn.tunnel-pool", "10.254.0.0/16"),
                Map.entry("keyswitch.vpn.tunnel-prefix", "24"),
                Map.entry("keyswitch.vpn.max-clients", "50"),
                Map.entry("keyswitch.vpn.bytecount-seconds", "2"),
                Map.entry("keyswitch.vpn.process-launcher", "ip netns exec " + appliance),
                Map.entry("keyswitch.vpn.stop-at-shutdown", "false"),
                Map.entry("keyswitch.vpn.watch-seconds", "2"),
                Map.entry("keyswitch.firewall.socket", dir.resolve("firewall.sock").toString()),
                Map.entry("keyswitch.totp.encryption-key", Base64.getEncoder().encodeToString(totpKey))));
        properties.putAll(portalProperties);
        makeNamespaces(subnet);
    }

    // ---- the appliance namespace ----

    private void makeNamespaces(int subnet) throws Exception {
        SystemTier.run(true, "ip", "netns", "add", appliance);
        namespacesMade = true;
        SystemTier.run(true, "ip", "netns", "add", laptops);
        SystemTier.run(true, "ip", "link", "add", "kla" + tag, "netns", appliance, "type", "veth", "peer", "name",
                "klb" + tag, "netns", laptops);
        SystemTier.run(true, "ip", "-n", appliance, "addr", "add", applianceAddress + "/30", "dev", "kla" + tag);
        SystemTier.run(true, "ip", "-n", laptops, "addr", "add", "10.255." + subnet + ".2/30", "dev", "klb" + tag);
        for (String[] link : new String[][] {{appliance, "kla" + tag}, {appliance, "lo"}, {laptops, "klb" + tag},
                {laptops, "lo"}}) {
            SystemTier.run(true, "ip", "-n", link[0], "link", "set", link[1], "up");
        }
        // The appliance's forward path, from the same file the appliance loads at boot.
        SystemTier.run(true, "ip", "netns", "exec", appliance, "nft", "-f", forwardRuleset().toString());
        // The appliance turns forwarding on for its ks<id> VPN interfaces only (a udev rule); here every interface
        // made after this line (the OpenVPN instances' ks<id>, the reference devices' WAN cables) forwards, the
        // laptops' cable does not; the forward chain lets nothing but ks<id> -> ks<id> through either way.
        SystemTier.run(true, "ip", "netns", "exec", appliance, "sysctl", "-qw", "net.ipv4.conf.default.forwarding=1");
    }

    /**
     * Another namespace of clients cabled to the appliance ({@code <name>-<suffix>-<pid>}): the appliance is
     * {@code 10.255.<subnet>.1} there, the namespace {@code .2}. Returns its name.
     */
    public String addClientNamespace(String suffix, int subnet) throws Exception {
        String ns = appliance.replace("-app-", "-" + suffix + "-");
        SystemTier.run(true, "ip", "netns", "add", ns);
        clientNamespaces.add(ns);
        String a = "k" + suffix.charAt(0) + "a" + tag;
        String b = "k" + suffix.charAt(0) + "b" + tag;
        SystemTier.run(true, "ip", "link", "add", a, "netns", appliance, "type", "veth", "peer", "name", b, "netns", ns);
        SystemTier.run(true, "ip", "-n", appliance, "addr", "add", "10.255." + subnet + ".1/30", "dev", a);
        SystemTier.run(true, "ip", "-n", ns, "addr", "add", "10.255." + subnet + ".2/30", "dev", b);
        for (String[] link : new String[][] {{appliance, a}, {ns, b}, {ns, "lo"}}) {
            SystemTier.run(true, "ip", "-n", link[0], "link", "set", link[1], "up");
        }
        return ns;
    }

    public Path forwardRuleset() {
        return repository.resolve("appliance/rootfs/etc/keyswitch/nftables-forward.nft");
    }

    /** Starts the firewall helper in the appliance namespace, serving root (the portal here) on the lab's socket. */
    public void startFirewallHelper() throws Exception {
        Path socket = dir.resolve("firewall.sock");
        Files.deleteIfExists(socket);
        firewallHelper = new ProcessBuilder("ip", "netns", "exec", appliance, "/usr/bin/python3", "-I",
                repository.resolve("appliance/rootfs/usr/local/libexec/keyswitch/keyswitch-firewall").toString(),
                "--socket", socket.toString(), "--allow-user", "root").redirectErrorStream(true)
                .redirectOutput(dir.resolve("firewall-helper.log").toFile()).start();
        long end = System.currentTimeMillis() + 10_000;
        while (!Files.exists(socket) && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertThat(socket).as("the firewall helper's socket:\n" + log("firewall-helper")).exists();
    }

    /** The helper's answer to one request line (its own socket, as the portal uses it). */
    public List<String> helper(String request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(dir.resolve("firewall.sock")));
            Writer out = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.US_ASCII);
            out.write(request + "\n");
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.US_ASCII));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("OK") || line.startsWith("ERR")) {
                    break;
                }
            }
            return lines;
        }
    }

    /** The rules in force now, as the helper lists them ({@code R dev technician target to from}). */
    public List<String> rules() throws IOException {
        List<String> lines = helper("LIST");
        return lines.subList(0, lines.size() - 1);
    }

    /** How many elements a set of the forward table holds now, read with nft itself. */
    public int elements(String set) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", appliance, "nft", "-j", "list", "set", "inet",
                "keyswitch_connections", set).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as("nft list set " + set).isTrue();
        for (jakarta.json.JsonValue item : jakarta.json.Json.createReader(new java.io.StringReader(out)).readObject()
                .getJsonArray("nftables")) {
            JsonObject o = item.asJsonObject();
            if (o.containsKey("set")) {
                return o.getJsonObject("set").containsKey("elem") ? o.getJsonObject("set").getJsonArray("elem").size() : 0;
            }
        }
        return 0;
    }

    // ---- the portal ----

    /** The portal's heap (default 256m; the appliance runs with 384m). */
    public void heap(String heap) {
        this.heap = heap;
    }

    public void startPortal() {
        portal = PortalProcess.start(new PortalProcess.Options(TestDirs.war(), TestDirs.payaraJar(), home, db, "127.0.0.1",
                httpPort, httpsPort, heap, console::add), properties);
        portal.awaitReady(Duration.ofMinutes(5));
    }

    /** Ends the portal as a crash would: SIGKILL, no shutdown of anything. */
    public void killPortal() throws InterruptedException {
        ProcessHandle.of(portal.pid()).ifPresent(ProcessHandle::destroyForcibly);
        long end = System.currentTimeMillis() + 30_000;
        while (ProcessHandle.of(portal.pid()).map(ProcessHandle::isAlive).orElse(false) && System.currentTimeMillis() < end) {
            Thread.sleep(100);
        }
        portal = null;
    }

    public void stopPortal() {
        if (portal != null) {
            portal.close();
            portal = null;
        }
    }

    public PortalProcess portal() {
        return portal;
    }

    public DatabaseCoordinates db() {
        return db;
    }

    public String appliance() {
        return appliance;
    }

    public String laptops() {
        return laptops;
    }

    public Path dir() {
        return dir;
    }

    /** The firewall helper's process (its PID is python's: ip netns exec replaces itself with it). */
    public Process firewallHelper() {
        return firewallHelper;
    }

    public ApiClient api(String token) {
        return new ApiClient("https://localhost:" + httpsPort + "/api/v1", token);
    }

    /** A device made through the API with its profile and secret, also through the API. */
    public Device newDevice(String token, String name, String lan) {
        ApiClient.Answer created = api(token).post("/devices",
                "{\"name\":\"" + name + "\",\"lanSubnet\":\"" + lan + "\",\"reason\":\"system test\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().getJsonNumber("id").longValue();
        ApiClient.Answer profile = api(token).post("/devices/" + id + "/vpn-profile", "{\"reason\":\"commissioning\"}");
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        JsonObject p = profile.json();
        return new Device(id, p.getString("identity"), p.getString("secret"), p.getString("profile"),
                created.json().getString("virtualSubnet"));
    }

    /** A component of a device, through the API; returns its id. */
    public long newComponent(String token, long deviceId, String name, String ip, String services) {
        ApiClient.Answer made = api(token).post("/devices/" + deviceId + "/components", "{\"name\":\"" + name
                + "\",\"ip\":\"" + ip + "\",\"services\":\"" + services + "\",\"reason\":\"system test\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json().getJsonNumber("id").longValue();
    }

    /** Enrols an authenticator app for the user, as the enrolment page would store it; returns its secret. */
    public TotpSecret enrolTotp(long userId) throws Exception {
        TotpSecret secret = TotpSecret.generate(new SecureRandom());
        TotpSecretCipher cipher = new TotpSecretCipher(totpKey);
        try (java.sql.Connection c = Databases.connect(db); java.sql.PreparedStatement s = c.prepareStatement(
                "INSERT INTO totp_enrolment (user_id, secret_enc, key_id, enrolled_at) VALUES (?, ?, ?, UTC_TIMESTAMP(3))")) {
            s.setLong(1, userId);
            s.setBytes(2, cipher.encrypt(Long.toString(userId), secret));
            s.setString(3, cipher.keyId());
            s.executeUpdate();
        }
        return secret;
    }

    /** The current code of an authenticator app ({@code offsetSeconds} later: the next step's, as a used one is refused). */
    public static String code(TotpSecret secret, long offsetSeconds) {
        return new TotpGenerator(TotpAlgorithm.SHA1, 6, 30).codeAt(secret, java.time.Instant.now().plusSeconds(offsetSeconds));
    }

    // ---- reference devices and technicians ----

    /**
     * A reference device (router + machine LAN with a PLC at .10 and an HMI at .20) dialling the appliance with the
     * device's own profile, cabled to the appliance namespace; {@code netmap}: router commands to run instead of the
     * built-in NETMAP (null: built-in). Name: 1-3 of [a-z0-9]; the device's namespaces carry the lab's tag too
     * ({@code ksdev-<name><pid>}), so that runs side by side, or the remains of a killed run, do not collide.
     */
    public void referenceDevice(String shortName, Device device, String netmap) throws Exception {
        referenceDevice(shortName, device, netmap, Map.of());
    }

    /** As above, with more of up.sh's environment ({@code KS_TUNNEL=on-demand}: the report loop dials the tunnel). */
    public void referenceDevice(String shortName, Device device, String netmap, Map<String, String> more) throws Exception {
        if (!shortName.matches("[a-z0-9]{1,3}")) {
            throw new IllegalArgumentException("reference device name: 1-3 of [a-z0-9]");
        }
        String name = shortName + tag;
        SystemTier.run(false, scripts().resolve("down.sh").toString(), name);
        int cable = ++wanCables;
        String wanNet = "10.255." + (240 + cable) + ".0";
        Path profile = dir.resolve(name + ".ovpn");
        Path auth = dir.resolve(name + ".auth");
        write(profile, device.profile());
        write(auth, device.identity() + "\n" + device.secret() + "\n");
        cables.put(shortName, cable);
        Map<String, String> env = new HashMap<>(Map.of("KS_REMOTE", "10.255." + (240 + cable) + ".1",
                "KS_WAN_PEER_NS", appliance, "KS_WAN_NET", wanNet));
        env.putAll(more);
        if (netmap != null) {
            Path script = dir.resolve(name + "-netmap.sh");
            write(script, netmap);
            env.put("KS_NETMAP", script.toString());
        }
        referenceDevices.add(name);
        ProcessBuilder up = new ProcessBuilder(scripts().resolve("up.sh").toString(), name, profile.toString(),
                auth.toString(), device.virtualSubnet()).redirectErrorStream(true);
        up.environment().putAll(env);
        Process p = up.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("up.sh " + name + ":\n" + output).isTrue();
    }

    /**
     * Makes the portal's HTTPS port reachable as the appliance's public port 443 on every address of the appliance
     * namespace (its WAN side for the reference devices, and the VPN servers' tunnel addresses): a forwarder
     * ({@code forward.py}) listens there and connects to the portal on 127.0.0.1. Returns the portal's certificate
     * (PEM, for the reference devices' curl; its name is localhost).
     */
    public Path forwardPublicPort() throws Exception {
        Path script = Path.of(VpnLab.class.getResource("forward.py").toURI());
        Process p = new ProcessBuilder("/usr/bin/python3", "-I", "-u", script.toString(), appliance, "443", "127.0.0.1",
                Integer.toString(httpsPort)).redirectErrorStream(true).redirectOutput(dir.resolve("forward.log").toFile()).start();
        processes.add(p);
        assertThat(awaitLog(dir.resolve("forward.log"), "forwarding", 10_000)).as(log("forward")).isTrue();
        Path tls = home.resolve("tls");
        Path pem = dir.resolve("portal.pem");
        ProcessBuilder export = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-exportcert", "-rfc", "-alias", "keyswitch", "-keystore", tls.resolve("keystore.p12").toString(),
                "-storepass:env", "KS_PASS", "-file", pem.toString()).redirectErrorStream(true);
        export.environment().put("KS_PASS", Files.readString(tls.resolve("keystore.password")).strip());
        Process e = export.start();
        String out = new String(e.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(e.waitFor(30, TimeUnit.SECONDS) && e.exitValue() == 0).as("keytool -exportcert: " + out).isTrue();
        return pem;
    }

    /**
     * The reference device's report loop ({@code report.sh}) every {@code intervalSeconds}, from its router namespace
     * to https://localhost (the portal's certificate name) dialled at the appliance's WAN address of its cable, or
     * through its tunnel while that is up; its output in {@code report-<name>.log}. Needs {@link #forwardPublicPort()}.
     */
    public Process reportLoop(String shortName, Device device, Path certificate, int intervalSeconds) throws IOException {
        return reportLoop(shortName, device, certificate, intervalSeconds, Map.of());
    }

    /** As above, with more of report.sh's environment ({@code KS_TUNNEL=keep}: the tunnel stays as it is). */
    public Process reportLoop(String shortName, Device device, Path certificate, int intervalSeconds, Map<String, String> more)
            throws IOException {
        String name = shortName + tag;
        Path auth = dir.resolve(name + "-report.auth");
        write(auth, device.identity() + "\n" + device.secret() + "\n");
        ProcessBuilder loop = new ProcessBuilder(scripts().resolve("report.sh").toString(), name, "https://localhost", auth.toString(),
                Integer.toString(intervalSeconds)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("report-" + shortName + ".log").toFile());
        loop.environment().putAll(Map.of("KEYSWITCH_CACERT", certificate.toString(),
                "KS_REMOTE", "10.255." + (240 + cables.get(shortName)) + ".1"));
        loop.environment().putAll(more);
        Process p = loop.start();
        processes.add(p);
        return p;
    }

    /** Switches an input of a reference device ({@code input.sh}: in1 on|off, …); the report loop reports it at once. */
    public void input(String shortName, String input, String value) throws Exception {
        SystemTier.run(true, scripts().resolve("input.sh").toString(), shortName + tag, input, value);
    }

    private Path scripts() {
        return repository.resolve("appliance/reference-device");
    }

    /**
     * A technician's OpenVPN client in the laptops namespace with the downloaded profile, on its own tun interface;
     * the static challenge is answered on the client's management socket as a GUI would.
     */
    public Technician technician(String profile, String username, String password, String code, String run)
            throws Exception {
        Path file = dir.resolve(run + ".ovpn");
        write(file, profile);
        Path socket = dir.resolve(run + ".sock");
        String tun = "kt" + run.replaceAll("[^a-z0-9]", "");
        tun = tun.substring(0, Math.min(15, tun.length()));
        Process process = new ProcessBuilder("ip", "netns", "exec", laptops, OpenVpnProbe.locate().toString(),
                "--config", file.toString(), "--dev", tun, "--dev-type", "tun", "--management", socket.toString(), "unix",
                "--management-query-passwords", "--management-hold").redirectErrorStream(true)
                .redirectOutput(dir.resolve(run + ".log").toFile()).start();
        processes.add(process);
        long end = System.currentTimeMillis() + 10_000;
        while (!Files.exists(socket) && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        Writer out = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith(">HOLD:")) {
                out.write("hold release\n");
                out.flush();
            } else if (line.startsWith(">PASSWORD:Need 'Auth'")) {
                Base64.Encoder base64 = Base64.getEncoder();
                out.write("username \"Auth\" " + username + "\n");
                out.write("password \"Auth\" \"SCRV1:" + base64.encodeToString(password.getBytes(StandardCharsets.UTF_8))
                        + ":" + base64.encodeToString(code.getBytes(StandardCharsets.UTF_8)) + "\"\n");
                out.flush();
                return new Technician(process, dir.resolve(run + ".log"), tun, channel, line.substring(">PASSWORD:".length()));
            }
        }
        throw new IOException("technician client closed its management socket:\n" + log(run));
    }

    /**
     * A device's OpenVPN client with its downloaded profile in {@code namespace} ({@code remote}: the address to dial
     * instead of the profile's, or null); identity and secret from a 0600 file, as a router keeps them.
     */
    public Process device(Device device, String secret, String namespace, String remote, String run) throws IOException {
        Path auth = dir.resolve(run + ".auth");
        write(auth, device.identity() + "\n" + secret + "\n");
        String profile = remote == null ? device.profile()
                : device.profile().replace("remote " + applianceAddress + " ", "remote " + remote + " ");
        Path file = dir.resolve(run + ".ovpn");
        write(file, profile);
        Process process = new ProcessBuilder("ip", "netns", "exec", namespace, OpenVpnProbe.locate().toString(),
                "--config", file.toString(), "--auth-user-pass", auth.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(run + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    /** The log of an OpenVPN instance the portal started ({@code acct-<id>}). */
    public Path serverLogPath(String instance) {
        return dir.resolve("openvpn").resolve(instance + ".log");
    }

    public String serverLog(String instance) throws IOException {
        Path file = serverLogPath(instance);
        return Files.exists(file) ? Files.readString(file) : "";
    }

    public Path portalLogPath() {
        return home.resolve("logs").resolve("payara.log");
    }

    /** Waits (up to {@code millis}) until the client's log says the tunnel is up. */
    public boolean awaitUp(Technician t, long millis) throws Exception {
        return awaitLog(t.log(), "Initialization Sequence Completed", millis);
    }

    /** Runs the probe ({@code tcp|http|udp|icmp|stream ...}) in the laptops namespace: exit status 0 and its output. */
    public Probe probe(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", laptops, "/usr/bin/python3", "-I",
                probeScript().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        boolean done = p.waitFor(30, TimeUnit.SECONDS);
        return new Probe(done && p.exitValue() == 0, out);
    }

    /** A probe running in the background (a stream); its output goes to {@code run}.log. */
    public Process probeInBackground(String run, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", laptops, "/usr/bin/python3", "-I", "-u",
                probeScript().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(run + ".log").toFile()).start();
        processes.add(p);
        return p;
    }

    /** What a probe said: whether it got an answer, and the answer (or why not). */
    public record Probe(boolean answered, String output) {
    }

    private static Path probeScript() {
        try {
            return Path.of(VpnLab.class.getResource("probe.py").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository's root: the folder above the working directory that holds appliance/rootfs. */
    private static Path repository() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("appliance/rootfs"))) {
                return p;
            }
        }
        throw new IllegalStateException("no appliance/rootfs above " + System.getProperty("user.dir"));
    }

    /** Runs a command in the laptops namespace (a route added by hand); "" when it succeeded, else its output. */
    public String inLaptops(String... command) throws Exception {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", laptops));
        all.addAll(List.of(command));
        return SystemTier.run(false, all.toArray(String[]::new));
    }

    // ---- logs and files ----

    public String log(String run) {
        try {
            Path file = dir.resolve(run + ".log");
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    public String portalLog() throws IOException {
        return Files.exists(portalLogPath()) ? Files.readString(portalLogPath()) : "";
    }

    public static boolean awaitLog(Path file, String text, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        do {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return true;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < end);
        return false;
    }

    private static void write(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            SystemTier.stop(p);
        }
        stopPortal();
        if (firewallHelper != null) {
            SystemTier.stop(firewallHelper);
        }
        for (String name : referenceDevices) {
            SystemTier.run(false, scripts().resolve("down.sh").toString(), name);
        }
        if (namespacesMade) {
            List<String> namespaces = new ArrayList<>(clientNamespaces);
            namespaces.addAll(List.of(laptops, appliance));
            for (String ns : namespaces) {
                SystemTier.killAll(ns);
                SystemTier.run(false, "ip", "netns", "del", ns);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
