package io.keyswitch.vpn;

import io.keyswitch.platform.StartupOrder;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.platform.PortalHome;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.appliance.ApplianceSettings;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.Outcome;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.vpn.auth.DeviceSecretHasher;
import io.keyswitch.vpn.config.InstanceSettings;
import io.keyswitch.vpn.config.Ipv4Network;
import io.keyswitch.vpn.config.ProfileMaterial;
import io.keyswitch.vpn.instance.InstanceReconciler;
import io.keyswitch.vpn.instance.InstanceSupervisor;
import io.keyswitch.vpn.instance.InstanceSupervisors;
import io.keyswitch.vpn.instance.RunningInstance;
import io.keyswitch.vpn.instance.VpnAvailability;
import io.keyswitch.vpn.internal.AccountInstances;
import io.keyswitch.vpn.internal.ApplianceCa;
import io.keyswitch.vpn.internal.InstanceFiles;
import io.keyswitch.vpn.internal.InstanceStore;
import io.keyswitch.vpn.internal.PortalClientAuthenticator;
import io.keyswitch.vpn.internal.RecordedSupervisor;
import io.keyswitch.vpn.internal.PortalClientEventListener;
import io.keyswitch.vpn.internal.UsableDeviceView;
import io.keyswitch.vpn.internal.VpnScheduler;
import io.keyswitch.vpn.internal.VpnSecrets;
import io.keyswitch.vpn.internal.WithdrawnRights;
import io.keyswitch.vpn.openvpn.InstanceManagement;
import io.keyswitch.vpn.openvpn.ManagementClient;
import io.keyswitch.vpn.pki.IssuedCredential;
import io.keyswitch.vpn.pki.Pem;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The VPN at run time, started once at deployment after the schema migration: reads the {@code keyswitch.vpn.*}
 * settings and the secrets file, has the {@link ApplianceCa} made or loaded, and for every active account has its
 * instance made and started ({@link AccountInstances}), each with one {@link ManagementClient} on a shared bounded
 * decision executor; the {@link InstanceReconciler} keeps the instances in line with the accounts on the
 * {@link VpnScheduler}. When OpenVPN cannot run here the portal keeps working and says why ({@link #availability()}).
 */
@ApplicationScoped
public class VpnRuntime {

    private static final Logger LOG = Logger.getLogger(VpnRuntime.class.getName());

    @Inject
    InstanceStore store;

    @Inject
    ApplianceCa ca;

    @Inject
    Clock clock;

    @Inject
    PortalClientAuthenticator authenticator;

    @Inject
    PortalClientEventListener listener;

    @Inject
    WithdrawnRights withdrawn;

    @Inject
    UsableDeviceView usableDevices;

    @Inject
    ApplianceSettings appliance;

    @Inject
    VpnScheduler scheduler;

    @Inject
    AuditTrail trail;

    @Resource
    ManagedThreadFactory threads;

    private volatile VpnSettings settings;
    private volatile VpnSecrets secrets;
    private volatile VpnAvailability availability = VpnAvailability.unavailable("not started yet");
    private volatile AccountInstances instances;
    private volatile InstanceReconciler reconciler;
    private ThreadPoolExecutor decisions;

    void atStart(@Observes @Priority(StartupOrder.VPN) PortalStarted started) {
        start();
    }

    synchronized void start() {
        try {
            settings = VpnSettings.from(SettingsReader.portalLookup(), PortalHome.path());
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
            ca.loadOrCreate(secrets);
        } catch (IOException | RuntimeException e) {
            availability = VpnAvailability.unavailable("VPN keys not usable: " + e.getMessage());
            LOG.log(Level.SEVERE, "VPN unavailable: " + availability.detail());
            return;
        }
        InstanceSupervisor supervisor = new RecordedSupervisor(InstanceSupervisors.choose(settings.supervisor(),
                settings.configDirectory(), settings.configDirectory(), settings.systemctl(), settings.processLauncher()),
                trail);
        availability = supervisor.availability();
        decisions = new ThreadPoolExecutor(settings.decisionThreads(), settings.decisionThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.decisionQueue()), threads);
        instances = new AccountInstances(settings, supervisor, store, new InstanceFiles(settings, secrets, ca, store), ca,
                secrets, clock, this::attach, listener::forAccount);
        reconciler = new InstanceReconciler(instances, supervisor, clock, settings.growthRestartWait(), this::auditGrowthRestart);
        authenticator.configure(secrets.hasher());
        scheduler.start();
        usableDevices.scheduleFullReloads();
        listener.start(threads, scheduler, Math.max(2, settings.byteCountSeconds()));
        scheduler.every(Duration.ofDays(1), "VPN CRLs not signed again", instances::writeCrls);
        scheduler.every(Duration.ofSeconds(settings.watchSeconds()), "VPN instances not checked", this::supervise);
        for (long accountId : store.activeAccounts()) {
            try {
                instances.ensure(accountId);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "VPN instance of account " + accountId + " not started: " + e.getMessage());
            }
        }
        LOG.info(() -> "VPN " + (availability.available() ? "available (" + availability.detail() + "), "
                + instances.running().size() + " instance(s)" : "unavailable: " + availability.detail()));
    }

    /** An instance restarted to route its account's grown pool: audited in the account's trail as the system's doing. */
    private void auditGrowthRestart(RunningInstance r, java.util.List<Ipv4Network> pool, String why) {
        try {
            trail.record(AuditEntry.of(AuditAction.VPN_INSTANCE_RESTART, Outcome.SUCCESS).bySystem().in(r.accountId())
                    .on("vpn-instance:" + r.name()).withDetails("routes " + pool).because("virtual pool grown; " + why));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The restart of " + r.name() + " was not audited: " + e.getMessage(), e);
        }
    }

    /** A management client on the instance's socket, deciding with the portal's authenticator, reporting to its listener. */
    private InstanceManagement attach(long accountId, String name, InstanceSettings files) {
        ManagementClient management = new ManagementClient(name, files.managementSocket(),
                request -> authenticator.decide(name, accountId, files, request),
                listener.forAccount(accountId), decisions, new ManagementClient.Settings(settings.byteCountSeconds(),
                Duration.ofMillis(settings.reconnectMinMs()), Duration.ofMillis(settings.reconnectMaxMs()),
                Duration.ofMillis(settings.killGraceMs())));
        management.start();
        return management;
    }

    @PreDestroy
    synchronized void stop() {
        scheduler.stop();
        if (instances != null) {
            instances.closeAll(settings.stopAtShutdown());
        }
        listener.stop();
        if (decisions != null) {
            decisions.shutdownNow();
        }
    }

    /** Whether OpenVPN runs here, and if not, why ("openvpn is not installed"). */
    public VpnAvailability availability() {
        return availability;
    }

    /** Whether profiles can be made (the CA and the secrets are there), even when OpenVPN does not run here. */
    public boolean canIssue() {
        return ca.loaded() && secrets != null;
    }

    public DeviceSecretHasher hasher() {
        return secrets.hasher();
    }

    public VpnSettings settings() {
        return settings;
    }

    /** Whether OpenVPN runs here but the account's instance could not be started (its files or the supervisor failed). */
    public boolean startFailed(long accountId) {
        return availability.available() && held(accountId).map(RunningInstance::startFailed).orElse(false);
    }

    /** Whether the management socket of the account's instance is open now (false: unreachable or not running). */
    public boolean managementOpen(long accountId) {
        return held(accountId).map(RunningInstance::managementOpen).orElse(false);
    }

    public Optional<InstanceManagement> management(long accountId) {
        return held(accountId).map(RunningInstance::management);
    }

    /**
     * Brings the instances in line with the accounts ({@link InstanceReconciler}), every {@code watch-seconds} and at
     * once after an account changed; technicians who lost the right device:connect lose their profile.
     */
    public synchronized void supervise() {
        if (!canIssue() || reconciler == null) {
            return;
        }
        reconciler.reconcile(store.activePools());
        withdrawn.revoke(this);
    }

    /** The account's instance, made and started when it has none yet. */
    public synchronized RunningInstance ensure(long accountId) {
        if (!canIssue() || instances == null) {
            throw new IllegalStateException("VPN unavailable: " + availability.detail());
        }
        return instances.ensure(accountId);
    }

    /** What a profile for a client of the account needs besides the client's own certificate and key. */
    public ProfileMaterial material(long accountId, IssuedCredential client) {
        ensure(accountId);
        VpnInstance instance = store.instance(accountId).orElseThrow();
        return new ProfileMaterial(publicHost(), instance.getPort(), instance.getServerCommonName(),
                ca.certificatePem(), Pem.encode(client.certificate()), Pem.unencryptedKey(client.privateKey()),
                secrets.decryptText(instance.getTlsCryptEncrypted()));
    }

    /**
     * The name devices and technicians dial: {@code keyswitch.vpn.public-host} when set, else the appliance's DNS name
     * (setup wizard, DNS name page), else this host's name.
     */
    public String publicHost() {
        if (SettingsReader.portalLookup().apply(VpnSettings.PREFIX + "public-host") != null) {
            return settings.publicHost();
        }
        return appliance.dnsName().orElse(settings.publicHost());
    }

    /** The tunnel subnet of the account's instance. */
    public Ipv4Network tunnel(long accountId) {
        return ensure(accountId).settings().tunnelNetwork();
    }

    public IssuedCredential issueClient(String commonName) {
        return ca.issueClient(commonName);
    }

    /** Signs the account's CRL again with a higher number and puts it in place (OpenVPN reads it at each handshake). */
    public void writeCrl(long accountId) {
        AccountInstances i = instances;
        if (i != null) {
            i.writeCrl(accountId);
        }
    }

    /** Ends every session of {@code commonName} on the account's instance now ({@code client-kill}, then {@code kill}). */
    public void disconnect(long accountId, String commonName) {
        AccountInstances i = instances;
        if (i != null) {
            i.disconnect(accountId, commonName);
        }
    }

    /** Runs {@code task} soon on the VPN's scheduler (its own transactions); nothing when the VPN never started. */
    public void later(Runnable task) {
        scheduler.later(task);
    }

    private Optional<RunningInstance> held(long accountId) {
        AccountInstances i = instances;
        return i == null ? Optional.empty() : i.of(accountId);
    }
}
