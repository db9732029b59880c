package io.keyswitch.vpn.openvpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyswitch.vpn.auth.DeviceSecret;
import io.keyswitch.vpn.auth.DeviceSecretHasher;
import io.keyswitch.vpn.config.InstanceSettings;
import io.keyswitch.vpn.config.Ipv4Network;
import io.keyswitch.testing.SystemTier;
import io.keyswitch.vpn.config.ProfileGenerator;
import io.keyswitch.vpn.config.ProfileMaterial;
import io.keyswitch.vpn.config.ServerConfigGenerator;
import io.keyswitch.vpn.instance.OpenVpnProbe;
import io.keyswitch.vpn.instance.ProcessInstanceSupervisor;
import io.keyswitch.vpn.pki.CertificateAuthority;
import io.keyswitch.vpn.pki.IssuedCredential;
import io.keyswitch.vpn.pki.Pem;
import io.keyswitch.vpn.pki.RevokedCertificate;
import io.keyswitch.vpn.pki.TlsCryptKey;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * System tier: a real OpenVPN server in one network namespace, driven by our {@link ManagementClient} over its unix
 * socket, and real OpenVPN clients with generated profiles in another, joined by a veth pair. Every address used is
 * inside these two namespaces. Needs root, ip, openvpn and /dev/net/tun.
 */
@DisplayName("OpenVPN driven through the management interface (system tier)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenVpnManagementSystemIT {

    private static final String TAG = Long.toString(ProcessHandle.current().pid() % 100_000);
    private static final String SERVER_NS = "ks-srv-" + TAG;
    private static final String CLIENT_NS = "ks-cli-" + TAG;
    private static final String TECHNICIAN_NS = "ks-tec-" + TAG;
    private static final String VETH_SERVER = "ksa" + TAG;
    private static final String VETH_CLIENT = "ksb" + TAG;
    private static final String SERVER_ADDRESS = "10.255.77.1";
    private static final String CLIENT_ADDRESS = "10.255.77.2";
    private static final int PORT = 11940;
    private static final Ipv4Network TUNNEL = Ipv4Network.parse("10.255.80.0/24");
    private static final Ipv4Network DEVICE_LANS = Ipv4Network.parse("10.255.128.0/17");

    private static final String REFERENCE_DEVICE = "t" + TAG;
    private static boolean referenceDeviceUp;
    private static Path dir;
    private static boolean namespacesMade;
    private static InstanceSettings settings;
    private static CertificateAuthority ca;
    private static String tlsCrypt;
    private static DeviceTableAuthenticator devices;
    private static DeviceSecretHasher hasher;
    private static ProcessInstanceSupervisor supervisor;
    private static ManagementClient management;
    private static ExecutorService decisions;
    private static final List<Process> clients = new ArrayList<>();
    private static final Map<String, IssuedCredential> credentials = new ConcurrentHashMap<>();
    private static final Map<String, String> secrets = new ConcurrentHashMap<>();
    private static final Map<Long, String> online = new ConcurrentHashMap<>();
    private static final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @BeforeAll
    static void setUp() throws Exception {
        SystemTier.require("/usr/bin/python3");
        dir = Files.createTempDirectory("keyswitch-vpn-it");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        makeNamespaces();
        writeServerFiles();
        hasher = new DeviceSecretHasher("it", new SecureRandom().generateSeed(32));
        devices = new DeviceTableAuthenticator(hasher, TUNNEL);
        decisions = Executors.newFixedThreadPool(2);
        supervisor = new ProcessInstanceSupervisor(OpenVpnProbe.locate(), List.of("ip", "netns", "exec", SERVER_NS),
                name -> dir.resolve(name + ".conf"), name -> dir.resolve(name + ".log"));
        supervisor.start("acme");
        management = newManagementClient();
        management.start();
        awaitEvent("reconciled", 10_000);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (management != null) {
            management.close();
        }
        if (betaManagement != null) {
            betaManagement.close();
        }
        for (java.nio.channels.SocketChannel session : managementSessions) {
            session.close();
        }
        if (decisions != null) {
            decisions.shutdownNow();
        }
        for (Process client : clients) {
            SystemTier.stop(client);
        }
        if (referenceDeviceUp) {
            Path scripts = Path.of(System.getProperty("user.dir")).resolveSibling("appliance").resolve("reference-device");
            SystemTier.run(false, scripts.resolve("down.sh").toString(), REFERENCE_DEVICE);
        }
        if (supervisor != null) {
            supervisor.stop("acme");
            supervisor.stop("beta");
        }
        if (namespacesMade) {
            for (String ns : List.of(TECHNICIAN_NS, CLIENT_NS, SERVER_NS)) {
                SystemTier.killAll(ns);
                SystemTier.run(false, "ip", "netns", "del", ns);
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    @DisplayName("a device with the right secret connects, gets its stable address, and ESTABLISHED is seen within 5 s")
    void deviceConnects() throws Exception {
        // Arrange
        String secret = addDevice("dev-1", 10, 1);

        // Act
        long started = System.nanoTime();
        startClient("dev-1", secret);
        String established = awaitEvent("established dev-1", 5_000);
        long millis = (System.nanoTime() - started) / 1_000_000;

        // Assert
        assertNotNull(established, "no ESTABLISHED for dev-1 within 5 s; server log:\n" + log("acme"));
        assertEquals("established dev-1 " + TUNNEL.host(10), established);
        System.out.println("dev-1 established after " + millis + " ms");
        String traffic = awaitTunnelTraffic(TUNNEL.host(1), 10_000);
        assertEquals("", traffic, "the tunnel carries traffic: client reaches a listener on the server's tunnel address");
    }

    @Test
    @Order(2)
    @DisplayName("a device with a wrong secret gets AUTH_FAILED")
    void wrongSecretIsRefused() throws Exception {
        // Arrange
        addDevice("dev-2", 11, 2);

        // Act
        Process client = startClient("dev-2", DeviceSecret.generate(new SecureRandom()));
        boolean exited = client.waitFor(15, TimeUnit.SECONDS);

        // Assert
        assertTrue(exited, "the client gives up after AUTH_FAILED");
        assertTrue(Files.readString(dir.resolve("dev-2.log")).contains("AUTH_FAILED"), "client log shows AUTH_FAILED");
        assertTrue(devices.refusals().contains("dev-2: wrong device secret"), devices.refusals().toString());
        assertTrue(online.values().stream().noneMatch(v -> v.startsWith("dev-2@")));
    }

    @Test
    @Order(3)
    @DisplayName("with ten devices connected, the management socket drops and reopens: status 3 reconciles all ten")
    void reconcilesAfterSocketDrop() throws Exception {
        // Arrange
        for (int i = 10; i < 19; i++) {
            startClient("dev-" + i, addDevice("dev-" + i, 30 + i, 10 + i));
        }
        long end = System.currentTimeMillis() + 30_000;
        while (online.size() < 10 && System.currentTimeMillis() < end) {
            Thread.sleep(100);
        }
        String before = describe(online);
        assertEquals(10, online.size(), before);
        events.clear();

        // Act
        management.reconnect();

        // Assert
        assertNotNull(awaitEvent("available false", 5_000));
        assertNotNull(awaitEvent("available true", 10_000));
        assertEquals("reconciled " + before, awaitEvent("reconciled", 5_000));
        assertTrue(before.contains("dev-1:" + cidOf("dev-1") + "@" + TUNNEL.host(10)), before);
    }

    @Test
    @Order(4)
    @DisplayName("a portal restarted while ten devices are connected (a new management client) sees them all at once")
    void newClientReconciles() throws Exception {
        // Arrange
        String before = describe(online);
        management.close();
        events.clear();

        // Act
        management = newManagementClient();
        management.start();

        // Assert
        assertEquals("reconciled " + before, awaitEvent("reconciled", 10_000));
    }

    @Test
    @Order(5)
    @DisplayName("a revoked device is killed within 2 s and refused when it comes back")
    void revokedDeviceIsKilledAndRefused() throws Exception {
        // Arrange
        long cid = cidOf("dev-1");
        devices.revoke("dev-1");
        writeCrl(List.of(new RevokedCertificate(credentials.get("dev-1").certificate().getSerialNumber(), Instant.now())),
                BigInteger.TWO);
        events.clear();

        // Act
        long started = System.nanoTime();
        management.disconnectNow(cid, "dev-1", false).get(5, TimeUnit.SECONDS);
        String disconnected = awaitEvent("disconnected dev-1", 2_000);
        long millis = (System.nanoTime() - started) / 1_000_000;

        // Assert
        assertNotNull(disconnected, "no DISCONNECT within 2 s; server log:\n" + log("acme"));
        System.out.println("dev-1 disconnected " + millis + " ms after client-kill");
        assertTrue(awaitLog("acme", "certificate revoked", 20_000), "the server refuses the revoked certificate:\n" + log("acme"));
        assertTrue(events.stream().noneMatch(e -> e.startsWith("established dev-1")), events.toString());
        assertTrue(online.values().stream().noneMatch(v -> v.startsWith("dev-1@")));
    }

    @Test
    @Order(6)
    @DisplayName("the reference device dials in, and its LAN components answer at its virtual subnet (NETMAP)")
    void referenceDeviceServesItsLan() throws Exception {
        // Arrange
        String secret = addDevice("dev-ref", 20, 4);
        String virtualLan = "10.255.132.0/24";
        Path auth = dir.resolve("dev-ref.auth");
        write(auth, "dev-ref\n" + secret + "\n", "rw-------");
        write(dir.resolve("dev-ref.ovpn"), deviceProfile("dev-ref", Optional.empty()), "rw-------");
        Path scripts = Path.of(System.getProperty("user.dir")).resolveSibling("appliance").resolve("reference-device");
        events.clear();

        // Act
        referenceDeviceUp = true;
        String up = runWithEnv(Map.of("KS_REMOTE", "10.255.251.1", "KS_WAN_PEER_NS", SERVER_NS, "KS_WAN_NET", "10.255.251.0"),
                scripts.resolve("up.sh").toString(), REFERENCE_DEVICE, dir.resolve("dev-ref.ovpn").toString(),
                auth.toString(), virtualLan);
        String established = awaitEvent("established dev-ref", 10_000);

        // Assert
        assertNotNull(established, "reference device did not connect:\n" + up);
        assertEquals("keyswitch reference modbus 502", fetchFromServer("10.255.132.10", 502, "", 10_000));
        assertEquals("keyswitch reference s7 102", fetchFromServer("10.255.132.10", 102, "", 5_000));
        assertTrue(fetchFromServer("10.255.132.10", 80, "GET / HTTP/1.0\\r\\n\\r\\n", 5_000).startsWith("HTTP/1.0 200 OK"));
    }

    @Test
    @Order(7)
    @DisplayName("a technician logs in with password and code (static challenge, SCRV1) and reaches the device's component")
    void technicianWithCodeReachesComponent() throws Exception {
        // Arrange
        technician("tech-1", "correct horse 42", "492039");
        events.clear();

        // Act
        String challenge = startTechnician("tech-1", "correct horse 42", "492039");
        String established = awaitEvent("established tech-1", 10_000);

        // Assert
        assertEquals("Need 'Auth' username/password SC:1,Authenticator code", challenge);
        assertEquals("established tech-1 " + TUNNEL.host(200), established);
        assertEquals("keyswitch reference modbus 502", fetchFrom(TECHNICIAN_NS, "10.255.132.10", 502, "", 10_000),
                "technician -> appliance (forward) -> device tunnel -> NETMAP -> component");
    }

    @Test
    @Order(8)
    @DisplayName("a technician with a wrong authenticator code gets AUTH_FAILED")
    void technicianWithWrongCodeIsRefused() throws Exception {
        // Arrange
        technician("tech-2", "correct horse 42", "492039");

        // Act
        startTechnician("tech-2", "correct horse 42", "000000");
        boolean failed = awaitLog("tech-2", "AUTH_FAILED", 15_000);

        // Assert
        assertTrue(failed, "technician client shows AUTH_FAILED:\n" + log("tech-2"));
        assertTrue(refusals.contains("tech-2: wrong password or code"), refusals.toString());
    }

    @Test
    @Order(9)
    @DisplayName("two accounts, two instances with their own ports and subnets: a device of A cannot log into B's")
    void secondAccountIsSeparate() throws Exception {
        // Arrange: account B's instance, same appliance CA, its own port, tunnel subnet, tls-crypt key and devices
        Path betaDir = Files.createDirectories(dir.resolve("beta"));
        Files.setPosixFilePermissions(betaDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Ipv4Network betaTunnel = Ipv4Network.parse("10.255.90.0/24");
        InstanceSettings beta = InstanceSettings.under(betaDir, "beta", PORT + 1, betaTunnel,
                Ipv4Network.parse("10.255.100.0/22"), 10);
        IssuedCredential betaServer = ca.issueServer("beta-vpn", Duration.ofDays(30));
        String betaTlsCrypt = TlsCryptKey.generate(new SecureRandom());
        write(beta.caCertificate(), Pem.encode(ca.certificate()), "rw-r--r--");
        write(beta.serverCertificate(), Pem.encode(betaServer.certificate()), "rw-r--r--");
        write(beta.serverKey(), Pem.unencryptedKey(betaServer.privateKey()), "rw-------");
        write(beta.tlsCryptKey(), betaTlsCrypt, "rw-------");
        write(beta.crl(), Pem.encode(ca.crl(List.of(), BigInteger.ONE, Duration.ofDays(7))), "rw-r--r--");
        write(dir.resolve("beta.conf"), new ServerConfigGenerator().generate(beta), "rw-------");
        DeviceTableAuthenticator betaDevices = new DeviceTableAuthenticator(hasher, betaTunnel);
        credentials.put("dev-b1", ca.issueClient("dev-b1", Duration.ofDays(30)));
        String betaSecret = DeviceSecret.generate(new SecureRandom());
        betaDevices.put(new DeviceTableAuthenticator.Device("dev-b1", hasher.hash(betaSecret), betaTunnel.host(5),
                Ipv4Network.parse("10.255.100.0/24"), false));
        BlockingQueue<String> betaEvents = new LinkedBlockingQueue<>();
        supervisor.start("beta");
        betaManagement = new ManagementClient("beta", beta.managementSocket(), betaDevices, new ClientEventListener() {
            @Override
            public void established(String instance, ManagementEvent.ClientEstablished event) {
                betaEvents.add(instance + " established " + event.env().commonName().orElse("?") + " "
                        + event.env().virtualAddress().orElse("?"));
            }
        }, decisions, ManagementClient.Settings.defaults());
        betaManagement.start();
        String devA = "dev-10";
        String devASecret = secrets.get(devA);

        // Act
        startClient("dev-b1", betaSecret, PORT + 1, betaTlsCrypt, "beta-vpn", "dev-b1-beta");
        String betaEstablished = betaEvents.poll(10, TimeUnit.SECONDS);
        Process intruder = startClient(devA, devASecret, PORT + 1, betaTlsCrypt, "beta-vpn", "dev-10-beta");
        boolean refused = intruder.waitFor(15, TimeUnit.SECONDS) && log("dev-10-beta").contains("AUTH_FAILED");

        // Assert
        assertEquals("beta established dev-b1 " + betaTunnel.host(5), betaEstablished,
                "B's device on B's instance; log:\n" + log("beta"));
        assertTrue(refused, "A's device (valid certificate and secret for A) is refused by B:\n" + log("dev-10-beta"));
        assertTrue(betaDevices.refusals().contains("dev-10: unknown device"), betaDevices.refusals().toString());
        assertTrue(online.values().stream().anyMatch(v -> v.startsWith("dev-10@")), "A's device stays connected to A");
    }

    // ---- helpers ----

    private static ManagementClient betaManagement;

    private static final Map<String, String[]> technicians = new ConcurrentHashMap<>();
    private static final List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * The test's authenticator: devices by the device table; technicians (CN tech-*) by password and code from the
     * SCRV1 field. The portal checks the code as TOTP through its authentication service; here it is fixed.
     */
    private static AuthDecision authenticate(ManagementEvent.ClientAuthRequest request) {
        String cn = request.env().commonName().orElse("");
        if (!cn.startsWith("tech-")) {
            return devices.authenticate(request);
        }
        String[] expected = technicians.get(cn);
        Optional<StaticChallengeResponse> login = StaticChallengeResponse.parse(request.env().password().orElse(null));
        if (expected == null || login.isEmpty() || !cn.equals(request.env().username().orElse(null))
                || !expected[0].equals(login.get().password()) || !expected[1].equals(login.get().response())) {
            refusals.add(cn + ": wrong password or code");
            return AuthDecision.deny("wrong password or code", "authentication failed");
        }
        return AuthDecision.allow(List.of(ClientConfigLines.ifconfigPush(TUNNEL.host(200), TUNNEL.netmask()),
                ClientConfigLines.pushRoute("10.255.132.0", "255.255.255.0")));
    }

    private static void technician(String name, String password, String code) {
        credentials.put(name, ca.issueClient(name, Duration.ofDays(30)));
        technicians.put(name, new String[] {password, code});
    }

    /**
     * Starts a technician's OpenVPN with the generated technician profile, and answers its static challenge through
     * the client's own management interface as a GUI would; returns the challenge OpenVPN asked.
     */
    private static String startTechnician(String name, String password, String code) throws Exception {
        IssuedCredential credential = credentials.get(name);
        ProfileMaterial material = new ProfileMaterial("10.255.79.1", PORT, "acme-vpn", Pem.encode(ca.certificate()),
                Pem.encode(credential.certificate()), Pem.unencryptedKey(credential.privateKey()), tlsCrypt);
        Path profile = dir.resolve(name + ".ovpn");
        write(profile, new ProfileGenerator().technician(material), "rw-------");
        Path socket = dir.resolve(name + ".sock");
        clients.add(new ProcessBuilder("ip", "netns", "exec", TECHNICIAN_NS, OpenVpnProbe.locate().toString(),
                "--config", profile.toString(), "--management", socket.toString(), "unix",
                "--management-query-passwords", "--management-hold").redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start());
        long end = System.currentTimeMillis() + 10_000;
        while (!Files.exists(socket) && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        channel.connect(java.net.UnixDomainSocketAddress.of(socket));
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                java.nio.channels.Channels.newInputStream(channel), StandardCharsets.UTF_8));
        java.io.Writer out = new java.io.OutputStreamWriter(java.nio.channels.Channels.newOutputStream(channel),
                StandardCharsets.UTF_8);
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith(">HOLD:")) {
                out.write("hold release\n");
                out.flush();
            } else if (line.startsWith(">PASSWORD:Need 'Auth'")) {
                java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
                out.write("username \"Auth\" " + name + "\n");
                out.write("password \"Auth\" \"SCRV1:" + base64.encodeToString(password.getBytes(StandardCharsets.UTF_8))
                        + ":" + base64.encodeToString(code.getBytes(StandardCharsets.UTF_8)) + "\"\n");
                out.flush();
                String challenge = line.substring(">PASSWORD:".length());
                managementSessions.add(channel);
                return challenge;
            }
        }
        throw new IOException("technician client closed its management socket:\n" + log(name));
    }

    private static final List<java.nio.channels.SocketChannel> managementSessions = new ArrayList<>();

    /** Connects from the server's namespace (where a technician's packets arrive) and returns the first line read. */
    private static String fetchFromServer(String address, int port, String send, long timeoutMillis) throws Exception {
        return fetchFrom(SERVER_NS, address, port, send, timeoutMillis);
    }

    /** Connects from namespace {@code ns} and returns the first line read. */
    private static String fetchFrom(String ns, String address, int port, String send, long timeoutMillis) throws Exception {
        long end = System.currentTimeMillis() + timeoutMillis;
        String last = "";
        while (System.currentTimeMillis() < end) {
            Process process = new ProcessBuilder("ip", "netns", "exec", ns, "/usr/bin/python3", "-c",
                    "import socket; s = socket.create_connection(('" + address + "', " + port + "), 2);"
                            + " s.sendall(b'" + send + "'); print(s.makefile().readline().strip())")
                    .redirectErrorStream(true).start();
            last = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor(10, TimeUnit.SECONDS);
            if (process.exitValue() == 0) {
                return last;
            }
            Thread.sleep(300);
        }
        return "failed: " + last;
    }

    private static String runWithEnv(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    private static void makeNamespaces() throws Exception {
        SystemTier.run(true, "ip", "netns", "add", SERVER_NS);
        namespacesMade = true;
        SystemTier.run(true, "ip", "netns", "add", CLIENT_NS);
        SystemTier.run(true, "ip", "link", "add", VETH_SERVER, "netns", SERVER_NS, "type", "veth", "peer", "name", VETH_CLIENT,
                "netns", CLIENT_NS);
        SystemTier.run(true, "ip", "-n", SERVER_NS, "addr", "add", SERVER_ADDRESS + "/30", "dev", VETH_SERVER);
        SystemTier.run(true, "ip", "-n", CLIENT_NS, "addr", "add", CLIENT_ADDRESS + "/30", "dev", VETH_CLIENT);
        SystemTier.run(true, "ip", "netns", "add", TECHNICIAN_NS);
        SystemTier.run(true, "ip", "link", "add", "kst" + TAG, "netns", SERVER_NS, "type", "veth", "peer", "name", "ksu" + TAG,
                "netns", TECHNICIAN_NS);
        SystemTier.run(true, "ip", "-n", SERVER_NS, "addr", "add", "10.255.79.1/30", "dev", "kst" + TAG);
        SystemTier.run(true, "ip", "-n", TECHNICIAN_NS, "addr", "add", "10.255.79.2/30", "dev", "ksu" + TAG);
        for (String[] link : new String[][] {{SERVER_NS, VETH_SERVER}, {CLIENT_NS, VETH_CLIENT}, {SERVER_NS, "lo"},
                {CLIENT_NS, "lo"}, {SERVER_NS, "kst" + TAG}, {TECHNICIAN_NS, "ksu" + TAG}, {TECHNICIAN_NS, "lo"}}) {
            SystemTier.run(true, "ip", "-n", link[0], "link", "set", link[1], "up");
        }
        // The appliance forwards between tunnel clients in the kernel (no client-to-client); here without a policy.
        SystemTier.run(true, "ip", "netns", "exec", SERVER_NS, "sysctl", "-qw", "net.ipv4.ip_forward=1");
    }

    private static void writeServerFiles() throws Exception {
        ca = CertificateAuthority.create("Keyswitch IT CA", Duration.ofDays(30), Clock.systemUTC());
        settings = InstanceSettings.under(dir, "acme", PORT, TUNNEL, DEVICE_LANS, 100);
        IssuedCredential server = ca.issueServer("acme-vpn", Duration.ofDays(30));
        tlsCrypt = TlsCryptKey.generate(new SecureRandom());
        write(settings.caCertificate(), Pem.encode(ca.certificate()), "rw-r--r--");
        write(settings.serverCertificate(), Pem.encode(server.certificate()), "rw-r--r--");
        write(settings.serverKey(), Pem.unencryptedKey(server.privateKey()), "rw-------");
        write(settings.tlsCryptKey(), tlsCrypt, "rw-------");
        writeCrl(List.of(), BigInteger.ONE);
        write(dir.resolve("acme.conf"), new ServerConfigGenerator().generate(settings), "rw-------");
    }

    private static void writeCrl(List<RevokedCertificate> revoked, BigInteger number) throws IOException {
        // Write then move, so OpenVPN never reads half a CRL.
        Path next = dir.resolve("crl.pem.next");
        write(next, Pem.encode(ca.crl(revoked, number, Duration.ofDays(7))), "rw-r--r--");
        Files.move(next, settings.crl(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static ManagementClient newManagementClient() {
        return new ManagementClient("acme", settings.managementSocket(), OpenVpnManagementSystemIT::authenticate,
                new Recorder(), decisions,
                new ManagementClient.Settings(2, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(300)));
    }

    private static String addDevice(String name, int host, int lan) {
        credentials.put(name, ca.issueClient(name, Duration.ofDays(30)));
        String secret = DeviceSecret.generate(new SecureRandom());
        secrets.put(name, secret);
        devices.put(new DeviceTableAuthenticator.Device(name, hasher.hash(secret), TUNNEL.host(host),
                new Ipv4Network("10.255." + (128 + lan) + ".0", 24), false));
        return secret;
    }

    private static Process startClient(String name, String secret) throws IOException {
        return startClient(name, secret, PORT, tlsCrypt, "acme-vpn", name);
    }

    /** Starts a device client for instance {@code port}; {@code run} names its profile, credentials and log. */
    private static Process startClient(String name, String secret, int port, String instanceTlsCrypt, String serverName,
                                       String run) throws IOException {
        Path auth = dir.resolve(run + ".auth");
        write(auth, name + "\n" + secret + "\n", "rw-------");
        IssuedCredential credential = credentials.get(name);
        ProfileMaterial material = new ProfileMaterial(SERVER_ADDRESS, port, serverName, Pem.encode(ca.certificate()),
                Pem.encode(credential.certificate()), Pem.unencryptedKey(credential.privateKey()), instanceTlsCrypt);
        Path profile = dir.resolve(run + ".ovpn");
        write(profile, new ProfileGenerator().device(material, Optional.of(auth)), "rw-------");
        Process process = new ProcessBuilder("ip", "netns", "exec", CLIENT_NS, OpenVpnProbe.locate().toString(),
                "--config", profile.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(run + ".log").toFile()).start();
        clients.add(process);
        return process;
    }

    private static String deviceProfile(String name, Optional<Path> auth) {
        IssuedCredential credential = credentials.get(name);
        ProfileMaterial material = new ProfileMaterial(SERVER_ADDRESS, PORT, "acme-vpn", Pem.encode(ca.certificate()),
                Pem.encode(credential.certificate()), Pem.unencryptedKey(credential.privateKey()), tlsCrypt);
        return new ProfileGenerator().device(material, auth);
    }

    /** "cn:cid@address" of every online client, sorted by common name. */
    private static String describe(Map<Long, String> clients) {
        return String.join(",", clients.entrySet().stream()
                .map(e -> e.getValue().replace("@", ":" + e.getKey() + "@")).sorted().toList());
    }

    private static long cidOf(String commonName) {
        return online.entrySet().stream().filter(e -> e.getValue().startsWith(commonName + "@")).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError(commonName + " is not online: " + online));
    }

    private static String awaitEvent(String prefix, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            String event = events.poll(Math.max(1, end - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (event != null && event.startsWith(prefix)) {
                return event;
            }
        }
        return null;
    }

    /**
     * Listens on the server's tunnel address (inside the server namespace) and connects to it from the client's.
     * A bare socket, not {@code http.server}: that one looks up its host name before it listens, and with no DNS
     * inside a namespace it refuses connections for many seconds.
     */
    private static String awaitTunnelTraffic(String address, long timeoutMillis) throws Exception {
        Process server = new ProcessBuilder("ip", "netns", "exec", SERVER_NS, "/usr/bin/python3", "-c",
                "import socket\ns = socket.create_server(('" + address + "', 18080))\nwhile True:\n"
                        + "    c, _ = s.accept()\n    c.sendall(b'keyswitch')\n    c.close()\n")
                .redirectErrorStream(true).redirectOutput(dir.resolve("listener.log").toFile()).start();
        try {
            long end = System.currentTimeMillis() + timeoutMillis;
            String failure = "not tried";
            while (System.currentTimeMillis() < end) {
                failure = SystemTier.run(false, "ip", "netns", "exec", CLIENT_NS, "/usr/bin/python3", "-c",
                        "import socket; s = socket.create_connection(('" + address + "', 18080), 1);"
                        + " assert s.recv(9) == b'keyswitch'");
                if (failure.isEmpty()) {
                    return "";
                }
                Thread.sleep(200);
            }
            return failure + diagnose("ss", "-ltn");
        } finally {
            SystemTier.stop(server);
        }
    }

    private static String diagnose(String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", SERVER_NS));
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return "\n" + String.join(" ", command) + " in the server namespace:\n" + output;
    }

    private static boolean awaitLog(String name, String text, long timeoutMillis) throws Exception {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            if (log(name).contains(text)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static String log(String name) throws IOException {
        Path file = dir.resolve(name + ".log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static void write(Path file, String text, String permissions) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

    private static final class Recorder implements ClientEventListener {
        @Override
        public void established(String instance, ManagementEvent.ClientEstablished event) {
            String cn = event.env().commonName().orElse("?");
            online.put(event.cid(), cn + "@" + event.env().virtualAddress().orElse("?"));
            events.add("established " + cn + " " + event.env().virtualAddress().orElse("?"));
        }

        @Override
        public void disconnected(String instance, ManagementEvent.ClientDisconnected event) {
            online.remove(event.cid());
            events.add("disconnected " + event.env().commonName().orElse("?"));
        }

        @Override
        public void reconciled(String instance, List<ConnectedClient> connected) {
            online.clear();
            connected.forEach(c -> online.put(c.cid(), c.commonName() + "@" + c.virtualAddress()));
            events.add("reconciled " + describe(online));
        }

        @Override
        public void managementAvailable(String instance, boolean available) {
            events.add("available " + available);
        }
    }
}
