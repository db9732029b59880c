package io.keyswitch.vpn.bench;

import io.keyswitch.vpn.auth.DeviceSecret;
import io.keyswitch.vpn.auth.DeviceSecretHasher;
import io.keyswitch.vpn.config.InstanceSettings;
import io.keyswitch.vpn.config.Ipv4Network;
import io.keyswitch.vpn.config.ProfileGenerator;
import io.keyswitch.vpn.config.ProfileMaterial;
import io.keyswitch.vpn.config.ServerConfigGenerator;
import io.keyswitch.vpn.instance.OpenVpnProbe;
import io.keyswitch.vpn.instance.ProcessInstanceSupervisor;
import io.keyswitch.vpn.openvpn.ClientEventListener;
import io.keyswitch.vpn.openvpn.DeviceTableAuthenticator;
import io.keyswitch.vpn.openvpn.ManagementClient;
import io.keyswitch.vpn.openvpn.ManagementEvent;
import io.keyswitch.vpn.pki.CertificateAuthority;
import io.keyswitch.vpn.pki.IssuedCredential;
import io.keyswitch.vpn.pki.Pem;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Real OpenVPN at scale: one real server in a network namespace decided by our {@link ManagementClient}, and N real
 * OpenVPN device clients (default 250) in another, each with its own generated certificate, profile and secret.
 * Reports how long until all are established, then the RSS of the OpenVPN server and of this JVM (which holds the
 * management client and authenticator, the portal's part). Needs root, ip, openvpn. Every address is inside the
 * two namespaces it makes, and both are deleted at the end, as are the processes (by PID).
 */
public final class RealClientsBenchmark {

    private static final String TAG = Long.toString(ProcessHandle.current().pid() % 100_000);
    private static final String SERVER_NS = "ks-bsrv-" + TAG;
    private static final String CLIENT_NS = "ks-bcli-" + TAG;
    private static final Ipv4Network TUNNEL = Ipv4Network.parse("10.255.96.0/20");
    private static final int PORT = 11941;

    private final List<Process> clients = new ArrayList<>();
    private final AtomicInteger established = new AtomicInteger();
    private Path dir;

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 250;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        if (!"root".equals(System.getProperty("user.name")) || OpenVpnProbe.locate() == null) {
            System.err.println("needs root and openvpn (apt-get install -y openvpn iproute2)");
            System.exit(2);
        }
        RealClientsBenchmark benchmark = new RealClientsBenchmark();
        boolean correct;
        try {
            correct = benchmark.run(count, perSecond);
        } finally {
            benchmark.tearDown();
        }
        System.out.println(correct ? "RESULT: all connected" : "RESULT: NOT all connected");
        System.exit(correct ? 0 : 1);
    }

    private boolean run(int count, int perSecond) throws Exception {
        dir = Files.createTempDirectory("keyswitch-real-clients");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        sh("ip", "netns", "add", SERVER_NS);
        sh("ip", "netns", "add", CLIENT_NS);
        sh("ip", "link", "add", "kbs" + TAG, "netns", SERVER_NS, "type", "veth", "peer", "name", "kbc" + TAG, "netns", CLIENT_NS);
        sh("ip", "-n", SERVER_NS, "addr", "add", "10.255.78.1/30", "dev", "kbs" + TAG);
        sh("ip", "-n", CLIENT_NS, "addr", "add", "10.255.78.2/30", "dev", "kbc" + TAG);
        sh("ip", "-n", SERVER_NS, "link", "set", "kbs" + TAG, "up");
        sh("ip", "-n", CLIENT_NS, "link", "set", "kbc" + TAG, "up");

        CertificateAuthority ca = CertificateAuthority.create("Keyswitch bench CA", Duration.ofDays(2), Clock.systemUTC());
        InstanceSettings settings = InstanceSettings.under(dir, "bench", PORT, TUNNEL,
                Ipv4Network.parse("10.255.128.0/17"), count + 10);
        IssuedCredential server = ca.issueServer("bench-vpn", Duration.ofDays(2));
        String tlsCrypt = TlsCryptKey.generate(new SecureRandom());
        write(settings.caCertificate(), Pem.encode(ca.certificate()), "rw-r--r--");
        write(settings.serverCertificate(), Pem.encode(server.certificate()), "rw-r--r--");
        write(settings.serverKey(), Pem.unencryptedKey(server.privateKey()), "rw-------");
        write(settings.tlsCryptKey(), tlsCrypt, "rw-------");
        write(settings.crl(), Pem.encode(ca.crl(List.of(), BigInteger.ONE, Duration.ofDays(2))), "rw-r--r--");
        write(dir.resolve("bench.conf"), new ServerConfigGenerator().generate(settings).replace("verb 3", "verb 1"), "rw-------");

        DeviceSecretHasher hasher = new DeviceSecretHasher("bench", new SecureRandom().generateSeed(32));
        DeviceTableAuthenticator devices = new DeviceTableAuthenticator(hasher, TUNNEL);
        ProcessInstanceSupervisor supervisor = new ProcessInstanceSupervisor(OpenVpnProbe.locate(),
                List.of("ip", "netns", "exec", SERVER_NS), name -> dir.resolve(name + ".conf"), name -> dir.resolve(name + ".log"));
        ExecutorService decisions = Executors.newFixedThreadPool(2);
        supervisor.start("bench");
        try (ManagementClient management = new ManagementClient("bench", settings.managementSocket(), devices,
                new Counter(), decisions, ManagementClient.Settings.defaults())) {
            management.start();
            long serverPid = supervisor.pid("bench");
            System.out.printf("OpenVPN server pid %d, RSS %d KiB before clients; JVM RSS %d KiB%n", serverPid,
                    rss(serverPid), rss(ProcessHandle.current().pid()));

            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String name = "dev-" + i;
                String secret = DeviceSecret.generate(new SecureRandom());
                IssuedCredential credential = ca.issueClient(name, Duration.ofDays(2));
                devices.put(new DeviceTableAuthenticator.Device(name, hasher.hash(secret), TUNNEL.host(i + 2),
                        new Ipv4Network("10." + (64 + i / 256) + "." + (i % 256) + ".0", 24), false));
                Path auth = dir.resolve(name + ".auth");
                write(auth, name + "\n" + secret + "\n", "rw-------");
                ProfileMaterial material = new ProfileMaterial("10.255.78.1", PORT, "bench-vpn", Pem.encode(ca.certificate()),
                        Pem.encode(credential.certificate()), Pem.unencryptedKey(credential.privateKey()), tlsCrypt);
                Path profile = dir.resolve(name + ".ovpn");
                write(profile, new ProfileGenerator().device(material, Optional.of(auth)).replace("verb 3", "verb 1"), "rw-------");
                // The clients share one namespace: let each open its tun but not configure it (same subnet 250 times).
                clients.add(new ProcessBuilder("ip", "netns", "exec", CLIENT_NS, OpenVpnProbe.locate().toString(),
                        "--config", profile.toString(), "--ifconfig-noexec", "--route-noexec")
                        .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start());
                if ((i + 1) % perSecond == 0) {
                    Thread.sleep(1000);
                }
            }
            long end = System.currentTimeMillis() + 120_000;
            while (established.get() < count && System.currentTimeMillis() < end) {
                Thread.sleep(200);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d of %d real clients established after %.1f s (started %d/s)%n", established.get(),
                    count, seconds, perSecond);
            Thread.sleep(10_000);
            int listed = (int) management.connectedClients().get(10, TimeUnit.SECONDS).stream()
                    .filter(c -> c.isEstablished()).count();
            System.gc();
            Thread.sleep(500);
            System.out.printf("after 10 s: status 3 lists %d established; OpenVPN server RSS %d KiB; JVM RSS %d KiB"
                    + " (heap used %d MiB); client RSS %d KiB each (first client)%n", listed, rss(serverPid),
                    rss(ProcessHandle.current().pid()), (Runtime.getRuntime().totalMemory()
                            - Runtime.getRuntime().freeMemory()) >> 20, rss(clients.get(0).pid()));
            return listed == count;
        } finally {
            decisions.shutdownNow();
            supervisor.stop("bench");
        }
    }

    private void tearDown() throws Exception {
        for (Process client : clients) {
            client.destroy();
        }
        for (Process client : clients) {
            if (!client.waitFor(5, TimeUnit.SECONDS)) {
                client.destroyForcibly();
            }
        }
        for (String ns : List.of(CLIENT_NS, SERVER_NS)) {
            new ProcessBuilder("ip", "netns", "del", ns).start().waitFor(10, TimeUnit.SECONDS);
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static void sh(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static void write(Path file, String text, String permissions) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

    private final class Counter implements ClientEventListener {
        @Override
        public void established(String instance, ManagementEvent.ClientEstablished event) {
            established.incrementAndGet();
        }

        @Override
        public void disconnected(String instance, ManagementEvent.ClientDisconnected event) {
            established.decrementAndGet();
        }
    }
}
