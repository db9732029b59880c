package io.keyswitch.vpn;

import io.keyswitch.vpn.auth.DeviceSecretHasher;
import io.keyswitch.vpn.config.InstanceSettings;
import io.keyswitch.vpn.config.Ipv4Network;
import io.keyswitch.vpn.config.ProfileMaterial;
import io.keyswitch.vpn.config.ServerConfigGenerator;
import io.keyswitch.vpn.instance.InstanceSupervisor;
import io.keyswitch.vpn.instance.InstanceSupervisors;
import io.keyswitch.vpn.instance.VpnAvailability;
import io.keyswitch.vpn.openvpn.InstanceManagement;
import io.keyswitch.vpn.openvpn.ManagementClient;
import io.keyswitch.vpn.pki.CertificateAuthority;
import io.keyswitch.vpn.pki.EncryptedKeyCodec;
import io.keyswitch.vpn.pki.IssuedCredential;
import io.keyswitch.vpn.pki.Pem;
import io.keyswitch.vpn.pki.TlsCryptKey;
import io.keyswitch.vpn.internal.PortalClientAuthenticator;
import io.keyswitch.vpn.internal.PortalClientEventListener;
import io.keyswitch.vpn.internal.VpnSecrets;
import io.keyswitch.vpn.internal.VpnStore;
import io.keyswitch.platform.PortalHome;
import io.keyswitch.security.internal.PortalSettings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.math.BigInteger;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The VPN at run time, started once at deployment after the schema migration: reads the {@code keyswitch.vpn.*}
 * settings and the secrets file, makes (first start) or loads the appliance CA, and for every active account makes
 * its instance (port, tunnel subnet, server certificate, tls-crypt key), writes its files, starts it through the
 * chosen {@link InstanceSupervisor} and attaches one {@link ManagementClient}; all instances share one bounded
 * decision executor. When OpenVPN cannot run here the portal keeps working and says why ({@link #availability()}).
 */
@ApplicationScoped
public class VpnRuntime {

    private static final Logger LOG = Logger.getLogger(VpnRuntime.class.getName());
    private static final Duration CA_VALIDITY = Duration.ofDays(20 * 366);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(10 * 366);
    static final Duration CLIENT_VALIDITY = Duration.ofDays(10 * 366);
    private static final Duration CRL_VALIDITY = Duration.ofDays(30);

    @Inject
    VpnStore store;

    @Inject
    Clock clock;

    @Inject
    PortalClientAuthenticator authenticator;

    @Inject
    PortalClientEventListener listener;

    @Inject
    io.keyswitch.vpn.internal.WithdrawnRights withdrawn;

    @Inject
    io.keyswitch.setup.ApplianceSettings appliance;

    @Resource
    ManagedThreadFactory threads;

    private final SecureRandom random = new SecureRandom();
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private volatile VpnSettings settings;
    private volatile VpnSecrets secrets;
    private volatile CertificateAuthority ca;
    private volatile InstanceSupervisor supervisor;
    private volatile VpnAvailability availability = VpnAvailability.unavailable("not started yet");
    private ThreadPoolExecutor decisions;
    private volatile ScheduledExecutorService scheduler;

    /** One started instance: its files and settings, and its management client (null when OpenVPN is unavailable). */
    public record Running(long accountId, String name, InstanceSettings settings, ManagementClient management) {
    }

    void atStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1100) @Initialized(ApplicationScoped.class) Object started) {
        start();
    }

    synchronized void start() {
        try {
            settings = VpnSettings.from(PortalSettings.lookup(), PortalHome.path());
            LOG.info(settings.describe());
        } catch (IllegalArgumentException e) {
            availability = VpnAvailability.unavailable("setting not usable: " + e.getMessage());
            LOG.severe("VPN unavailable: " + e.getMessage());
            return;
        }
        Optional<Path> home = PortalHome.path();
        if (home.isEmpty()) {
            availability = VpnAvailability.unavailable("keyswitch.home is not set: no place for the VPN's secrets");
            LOG.warning("VPN unavailable: " + availability.detail());
            return;
        }
        try {
            secrets = VpnSecrets.loadOrCreate(home.get());
            ca = loadOrCreateCa();
        } catch (IOException | RuntimeException e) {
            availability = VpnAvailability.unavailable("VPN keys not usable: " + e.getMessage());
            LOG.log(Level.SEVERE, "VPN unavailable: " + availability.detail());
            return;
        }
        supervisor = InstanceSupervisors.choose(settings.supervisor(), settings.configDirectory(),
                settings.configDirectory(), settings.systemctl(), settings.processLauncher());
        availability = supervisor.availability();
        decisions = new ThreadPoolExecutor(settings.decisionThreads(), settings.decisionThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.decisionQueue()), threads);
        scheduler = Executors.newSingleThreadScheduledExecutor(threads);
        authenticator.configure(secrets.hasher());
        listener.start(threads, scheduler, Math.max(2, settings.byteCountSeconds()));
        scheduler.scheduleAtFixedRate(this::resignCrls, 1, 1, TimeUnit.DAYS);
        scheduler.scheduleWithFixedDelay(this::superviseQuietly, settings.watchSeconds(), settings.watchSeconds(),
                TimeUnit.SECONDS);
        for (long accountId : store.activeAccounts()) {
            try {
                ensure(accountId);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "VPN instance of account " + accountId + " not started: " + e.getMessage());
            }
        }
        LOG.info(() -> "VPN " + (availability.available() ? "available (" + availability.detail() + "), "
                + running.size() + " instance(s)" : "unavailable: " + availability.detail()));
    }

    @PreDestroy
    synchronized void stop() {
        for (Running r : running.values()) {
            if (r.management() != null) {
                r.management().close();
            }
            if (settings != null && settings.stopAtShutdown() && supervisor != null) {
                try {
                    supervisor.stop(r.name());
                } catch (IOException e) {
                    LOG.warning(() -> "OpenVPN instance " + r.name() + " not stopped: " + e.getMessage());
                }
            }
        }
        running.clear();
        listener.stop();
        if (decisions != null) {
            decisions.shutdownNow();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Whether OpenVPN runs here, and if not, why ("openvpn is not installed"). */
    public VpnAvailability availability() {
        return availability;
    }

    /** Whether profiles can be made (the CA and the secrets are there), even when OpenVPN does not run here. */
    public boolean canIssue() {
        return ca != null && secrets != null;
    }

    public DeviceSecretHasher hasher() {
        return secrets.hasher();
    }

    public VpnSettings settings() {
        return settings;
    }

    /** Whether OpenVPN runs here but the account's instance could not be started (its files or the supervisor failed). */
    public boolean startFailed(long accountId) {
        Running r = running.get(accountId);
        return availability.available() && r != null && r.management() == null;
    }

    /** Whether the management socket of the account's instance is open now (false: unreachable or not running). */
    public boolean managementOpen(long accountId) {
        Running r = running.get(accountId);
        return r != null && r.management() != null && r.management().isConnected();
    }

    public Optional<InstanceManagement> management(long accountId) {
        Running r = running.get(accountId);
        return r == null || r.management() == null ? Optional.empty() : Optional.of(r.management());
    }

    /**
     * Brings the instances in line with the accounts, every {@code watch-seconds} and at once after an account
     * changed: a disabled account's instance has its sessions ended and is stopped; an active account without a
     * running instance (enabled again, or its start failed) gets it (started again); an instance whose management
     * socket does not answer and whose process is gone is started again; an account whose virtual pool changed gets
     * its config rewritten and its instance restarted to route the new pool; technicians who lost the right
     * device:connect lose their profile.
     */
    public synchronized void supervise() {
        if (!canIssue() || supervisor == null) {
            return;
        }
        Map<Long, String> active = store.activePools();
        for (Running r : List.copyOf(running.values())) {
            String pool = active.get(r.accountId());
            if (pool == null) {
                retire(r);
            } else if (availability.available() && r.management() == null) {
                LOG.info(() -> "OpenVPN instance " + r.name() + ": trying its start again");
                running.remove(r.accountId());
            } else if (r.management() != null && !r.settings().deviceNetworks().equals(Ipv4Network.parse(pool))) {
                detach(r);
                LOG.info(() -> "OpenVPN instance " + r.name() + ": restarted to route the account's new virtual pool " + pool);
            } else if (r.management() != null && !r.management().isConnected() && !socketAnswers(r.settings().managementSocket())) {
                restartIfGone(r);
            }
        }
        for (long accountId : active.keySet()) {
            if (!running.containsKey(accountId)) {
                try {
                    ensure(accountId);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "VPN instance of account " + accountId + " not started: " + e.getMessage());
                }
            }
        }
        withdrawn.revoke(this);
    }

    private void superviseQuietly() {
        try {
            supervise();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "VPN instances not checked: " + e.getMessage(), e);
        }
    }

    /** A disabled account: every session ended, the instance detached and stopped, whatever remains marked offline. */
    private void retire(Running r) {
        if (r.management() != null && r.management().isConnected()) {
            endSessions(r.management(), commonName -> true);
            try {
                Thread.sleep(500); // the >CLIENT:DISCONNECT notices of the ended sessions
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        detach(r);
        // whatever did not report its disconnect is offline now (audited as reconciled)
        listener.forAccount(r.accountId()).reconciled(r.name(), List.of());
        listener.forAccount(r.accountId()).managementAvailable(r.name(), false);
        LOG.info(() -> "OpenVPN instance " + r.name() + " stopped: account " + r.accountId() + " is disabled");
    }

    /**
     * The instance is forgotten, its management socket closed and the instance stopped; the next {@link #ensure}
     * (the supervision's second loop, for an account still active) writes its files again and starts it.
     */
    private void detach(Running r) {
        running.remove(r.accountId());
        if (r.management() != null) {
            r.management().close();
        }
        try {
            supervisor.stop(r.name());
        } catch (IOException e) {
            LOG.warning(() -> "OpenVPN instance " + r.name() + " not stopped: " + e.getMessage());
        }
    }

    /** The instance's process is gone (crashed, killed): started again; its management client reconnects by itself. */
    private void restartIfGone(Running r) {
        try {
            if (!supervisor.isRunning(r.name())) {
                LOG.warning(() -> "OpenVPN instance " + r.name() + " is not running: starting it again");
                writeCrl(r.accountId(), r.settings());
                supervisor.start(r.name());
            }
        } catch (IOException e) {
            LOG.severe("OpenVPN instance " + r.name() + " could not be started again: " + e.getMessage());
        }
    }

    /** The account's instance, made and started when it has none yet. */
    public synchronized Running ensure(long accountId) {
        Running existing = running.get(accountId);
        if (existing != null) {
            return existing;
        }
        if (!canIssue()) {
            throw new IllegalStateException("VPN unavailable: " + availability.detail());
        }
        VpnInstance instance = store.ensureInstance(accountId, settings.portBase(), settings.tunnelPool(),
                settings.tunnelPrefix(), this::makeInstance);
        Ipv4Network devices = Ipv4Network.parse(store.virtualPool(accountId));
        Path dir = settings.configDirectory().resolve(instance.getName());
        InstanceSettings files = new InstanceSettings(instance.getName(), instance.getPort(),
                Ipv4Network.parse(instance.getTunnelSubnet()), devices, dir.resolve("ca.crt"), dir.resolve("server.crt"),
                dir.resolve("server.key"), dir.resolve("tls-crypt.key"), dir.resolve("crl.pem"),
                settings.socketDirectory().resolve(instance.getName() + ".sock"), settings.maxClients(), "nobody", "nogroup",
                InstanceSettings.accountDevice(accountId));
        ManagementClient management = null;
        if (availability.available()) {
            try {
                writeFiles(instance, files);
                writeCrl(accountId, files);
                if (socketAnswers(files.managementSocket())) {
                    LOG.info(() -> "OpenVPN instance " + instance.getName() + " already runs: attaching to it");
                } else {
                    supervisor.start(instance.getName());
                }
                management = new ManagementClient(instance.getName(), files.managementSocket(),
                        request -> authenticator.decide(instance.getName(), accountId, files, request),
                        listener.forAccount(accountId), decisions, new ManagementClient.Settings(settings.byteCountSeconds(),
                        Duration.ofMillis(settings.reconnectMinMs()), Duration.ofMillis(settings.reconnectMaxMs()),
                        Duration.ofMillis(settings.killGraceMs())));
                management.start();
                LOG.info(() -> "OpenVPN instance " + instance.getName() + " of account " + accountId + ": udp "
                        + instance.getPort() + ", tunnel " + instance.getTunnelSubnet() + ", devices " + devices);
            } catch (IOException e) {
                LOG.severe("OpenVPN instance " + instance.getName() + " could not start: " + e.getMessage());
            }
        }
        Running r = new Running(accountId, instance.getName(), files, management);
        running.put(accountId, r);
        return r;
    }

    /** What a profile for a client of the account needs besides the client's own certificate and key. */
    public ProfileMaterial material(long accountId, IssuedCredential client) {
        Running r = ensure(accountId);
        VpnInstance instance = store.instance(accountId).orElseThrow();
        return new ProfileMaterial(publicHost(), instance.getPort(), instance.getServerCommonName(),
                Pem.encode(ca.certificate()), Pem.encode(client.certificate()), Pem.unencryptedKey(client.privateKey()),
                secrets.decryptText(instance.getTlsCryptEncrypted()));
    }

    /**
     * The name devices and technicians dial: {@code keyswitch.vpn.public-host} when set, else the appliance's DNS name
     * (setup wizard, DNS name page), else this host's name.
     */
    public String publicHost() {
        if (PortalSettings.lookup().apply(VpnSettings.PREFIX + "public-host") != null) {
            return settings.publicHost();
        }
        return appliance.dnsName().orElse(settings.publicHost());
    }

    /** The tunnel subnet of the account's instance. */
    public Ipv4Network tunnel(long accountId) {
        return ensure(accountId).settings().tunnelNetwork();
    }

    public IssuedCredential issueClient(String commonName) {
        return ca.issueClient(commonName, CLIENT_VALIDITY);
    }

    /** Signs the account's CRL again with a higher number and puts it in place (OpenVPN reads it at each handshake). */
    public void writeCrl(long accountId) {
        Running r = running.get(accountId);
        if (r != null && availability.available()) {
            try {
                writeCrl(accountId, r.settings());
            } catch (IOException e) {
                LOG.severe("CRL of " + r.name() + " not written: " + e.getMessage());
            }
        }
    }

    /** Ends every session of {@code commonName} on the account's instance now ({@code client-kill}, then {@code kill}). */
    public void disconnect(long accountId, String commonName) {
        management(accountId).filter(InstanceManagement::isConnected)
                .ifPresent(m -> endSessions(m, commonName::equals));
    }

    /** Ends every session whose common name {@code which} accepts ({@code status 3}, then {@code disconnectNow} each). */
    private static void endSessions(InstanceManagement m, java.util.function.Predicate<String> which) {
        try {
            List<java.util.concurrent.CompletableFuture<Void>> ends = m.connectedClients().get(5, TimeUnit.SECONDS).stream()
                    .filter(c -> which.test(c.commonName()))
                    .map(c -> m.disconnectNow(c.cid(), c.commonName(), false)).toList();
            java.util.concurrent.CompletableFuture.allOf(ends.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warning(() -> "Sessions of " + m.instance() + " not all ended: " + e.getMessage());
        }
    }

    /** Runs {@code task} soon on the VPN's scheduler thread (its own transactions); nothing when the VPN never started. */
    public void later(Runnable task) {
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "VPN task failed: " + e.getMessage(), e);
                }
            });
        }
    }

    private VpnInstance makeInstance(VpnStore.Allocation a) {
        String serverName = "vpn-" + a.name();
        IssuedCredential server = ca.issueServer(serverName, SERVER_VALIDITY);
        EncryptedKeyCodec codec = new EncryptedKeyCodec(secrets.keyEncryptionSecret());
        LOG.info(() -> "VPN instance " + a.name() + " made for account " + a.accountId() + ": udp " + a.port()
                + ", tunnel " + a.tunnel());
        return new VpnInstance(a.accountId(), a.name(), a.port(), a.tunnel().toString(), serverName,
                Pem.encode(server.certificate()), codec.encrypt(server.privateKey()),
                secrets.encryptText(TlsCryptKey.generate(random)), clock.instant());
    }

    private CertificateAuthority loadOrCreateCa() {
        EncryptedKeyCodec codec = new EncryptedKeyCodec(secrets.keyEncryptionSecret());
        Optional<String[]> stored = store.ca();
        if (stored.isEmpty()) {
            CertificateAuthority made = CertificateAuthority.create("Keyswitch CA", CA_VALIDITY, clock);
            stored = Optional.of(store.storeCa(Pem.encode(made.certificate()), codec.encrypt(made.privateKey())));
            LOG.info("VPN: appliance CA made at the first start (ECDSA P-256, valid 20 years)");
        }
        return CertificateAuthority.load(Pem.certificate(stored.get()[0]), codec.decrypt(stored.get()[1]), clock);
    }

    private void writeFiles(VpnInstance instance, InstanceSettings files) throws IOException {
        Path dir = files.serverCertificate().getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(files.managementSocket().getParent());
        EncryptedKeyCodec codec = new EncryptedKeyCodec(secrets.keyEncryptionSecret());
        write(files.caCertificate(), Pem.encode(ca.certificate()), "rw-r--r--");
        write(files.serverCertificate(), instance.getServerCertificatePem(), "rw-r--r--");
        write(files.serverKey(), Pem.unencryptedKey(codec.decrypt(instance.getServerKeyEncrypted())), "rw-------");
        write(files.tlsCryptKey(), secrets.decryptText(instance.getTlsCryptEncrypted()), "rw-------");
        write(settings.configDirectory().resolve(instance.getName() + ".conf"), new ServerConfigGenerator().generate(files),
                "rw-r--r--");
    }

    private void writeCrl(long accountId, InstanceSettings files) throws IOException {
        VpnStore.CrlInput input = store.nextCrl(accountId);
        write(files.crl(), Pem.encode(ca.crl(input.revoked(), BigInteger.valueOf(input.number()), CRL_VALIDITY)),
                "rw-r--r--");
    }

    private void resignCrls() {
        running.keySet().forEach(this::writeCrl);
    }

    /** Writes to a temporary file first and moves it into place, so OpenVPN never reads half a file. */
    private static void write(Path file, String text, String permissions) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.deleteIfExists(next);
        Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
        // the creation mode is cut by the process umask (the appliance's portal runs with 0077): set it as meant
        Files.setPosixFilePermissions(next, PosixFilePermissions.fromString(permissions));
        Files.writeString(next, text, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean socketAnswers(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
