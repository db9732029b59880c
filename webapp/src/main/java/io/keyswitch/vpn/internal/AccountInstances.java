package io.keyswitch.vpn.internal;

import io.keyswitch.vpn.VpnInstance;
import io.keyswitch.vpn.VpnSettings;
import io.keyswitch.vpn.config.InstanceSettings;
import io.keyswitch.vpn.config.Ipv4Network;
import io.keyswitch.vpn.instance.InstanceReconciler;
import io.keyswitch.vpn.instance.InstanceSupervisor;
import io.keyswitch.vpn.instance.RunningInstance;
import io.keyswitch.vpn.openvpn.ClientEventListener;
import io.keyswitch.vpn.openvpn.InstanceManagement;
import io.keyswitch.vpn.pki.EncryptedKeyCodec;
import io.keyswitch.vpn.pki.IssuedCredential;
import io.keyswitch.vpn.pki.Pem;
import io.keyswitch.vpn.pki.TlsCryptKey;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The accounts' instances this portal holds, one per account: made (row, keys), their files written, started through
 * the supervisor and attached to; retired, stopped or forgotten when the {@link InstanceReconciler} says so; their
 * sessions ended on request. What OpenVPN cannot do here is left undone: the instance is held without a management
 * client.
 */
public final class AccountInstances implements InstanceReconciler.Instances {

    private static final Logger LOG = Logger.getLogger(AccountInstances.class.getName());

    /** Attaches a started management client to an instance's socket. */
    @FunctionalInterface
    public interface Attach {
        InstanceManagement attach(long accountId, String name, InstanceSettings files);
    }

    private final Map<Long, RunningInstance> running = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final VpnSettings settings;
    private final boolean available;
    private final InstanceSupervisor supervisor;
    private final InstanceStore store;
    private final InstanceFiles files;
    private final ApplianceCa ca;
    private final VpnSecrets secrets;
    private final Clock clock;
    private final Attach attach;
    private final LongFunction<ClientEventListener> listeners;

    public AccountInstances(VpnSettings settings, InstanceSupervisor supervisor, InstanceStore store, InstanceFiles files,
                            ApplianceCa ca, VpnSecrets secrets, Clock clock, Attach attach,
                            LongFunction<ClientEventListener> listeners) {
        this.settings = settings;
        this.available = supervisor.availability().available();
        this.supervisor = supervisor;
        this.store = store;
        this.files = files;
        this.ca = ca;
        this.secrets = secrets;
        this.clock = clock;
        this.attach = attach;
        this.listeners = listeners;
    }

    @Override
    public Collection<RunningInstance> running() {
        return running.values();
    }

    public Optional<RunningInstance> of(long accountId) {
        return Optional.ofNullable(running.get(accountId));
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public void start(long accountId) {
        ensure(accountId);
    }

    /** The account's instance, made and started when it has none yet. */
    public synchronized RunningInstance ensure(long accountId) {
        RunningInstance existing = running.get(accountId);
        if (existing != null) {
            return existing;
        }
        VpnInstance instance = store.ensureInstance(accountId, settings.portBase(), settings.tunnelPool(),
                settings.tunnelPrefix(), this::makeInstance);
        List<Ipv4Network> devices = store.virtualPool(accountId);
        InstanceSettings layout = files.layout(accountId, instance, devices);
        InstanceManagement management = null;
        if (available) {
            try {
                files.write(instance, layout);
                files.writeCrl(accountId, layout);
                if (socketAnswers(layout.managementSocket())) {
                    LOG.info(() -> "OpenVPN instance " + instance.getName() + " already runs: attaching to it");
                } else {
                    supervisor.start(instance.getName());
                }
                management = attach.attach(accountId, instance.getName(), layout);
                LOG.info(() -> "OpenVPN instance " + instance.getName() + " of account " + accountId + ": udp "
                        + instance.getPort() + ", tunnel " + instance.getTunnelSubnet() + ", devices " + devices);
            } catch (IOException e) {
                LOG.severe("OpenVPN instance " + instance.getName() + " could not start: " + e.getMessage());
            }
        }
        RunningInstance r = new RunningInstance(accountId, instance.getName(), layout, management);
        running.put(accountId, r);
        return r;
    }

    @Override
    public void retire(RunningInstance r) {
        if (r.managementOpen()) {
            endSessions(r.management(), commonName -> true);
            try {
                Thread.sleep(500); // the >CLIENT:DISCONNECT notices of the ended sessions
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stop(r);
        // whatever did not report its disconnect is offline now (audited as reconciled)
        listeners.apply(r.accountId()).reconciled(r.name(), List.of());
        listeners.apply(r.accountId()).managementAvailable(r.name(), false);
    }

    @Override
    public void stop(RunningInstance r) {
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

    @Override
    public void forget(RunningInstance r) {
        running.remove(r.accountId());
    }

    @Override
    public boolean socketAnswers(RunningInstance r) {
        return socketAnswers(r.settings().managementSocket());
    }

    @Override
    public void writeCrl(RunningInstance r) throws IOException {
        files.writeCrl(r.accountId(), r.settings());
    }

    @Override
    public boolean techniciansConnected(RunningInstance r) {
        if (!r.managementOpen()) {
            return true; // cannot be told: the restart waits for its deadline
        }
        try {
            return r.management().connectedClients().get(5, TimeUnit.SECONDS).stream()
                    .anyMatch(c -> io.keyswitch.vpn.VpnClient.technicianOf(c.commonName()).isPresent());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (Exception e) {
            LOG.warning(() -> "Sessions of " + r.name() + " not listed: " + e.getMessage());
            return true;
        }
    }

    /** Signs the account's CRL again and puts it in place, when the account's instance runs here. */
    public void writeCrl(long accountId) {
        RunningInstance r = running.get(accountId);
        if (r != null && available) {
            try {
                writeCrl(r);
            } catch (IOException e) {
                LOG.severe("CRL of " + r.name() + " not written: " + e.getMessage());
            }
        }
    }

    /** Every held account's CRL signed again (daily: a CRL is valid 30 days). */
    public void writeCrls() {
        running.keySet().forEach(this::writeCrl);
    }

    /** Ends every session of {@code commonName} on the account's instance now ({@code client-kill}, then {@code kill}). */
    public void disconnect(long accountId, String commonName) {
        of(accountId).map(RunningInstance::management).filter(InstanceManagement::isConnected)
                .ifPresent(m -> endSessions(m, commonName::equals));
    }

    /** At shutdown: every management socket closed, the instances stopped too when {@code stopInstances}. */
    public void closeAll(boolean stopInstances) {
        for (RunningInstance r : running.values()) {
            if (r.management() != null) {
                r.management().close();
            }
            if (stopInstances) {
                try {
                    supervisor.stop(r.name());
                } catch (IOException e) {
                    LOG.warning(() -> "OpenVPN instance " + r.name() + " not stopped: " + e.getMessage());
                }
            }
        }
        running.clear();
    }

    /** Ends every session whose common name {@code which} accepts ({@code status 3}, then {@code disconnectNow} each). */
    private static void endSessions(InstanceManagement m, Predicate<String> which) {
        try {
            List<CompletableFuture<Void>> ends = m.connectedClients().get(5, TimeUnit.SECONDS).stream()
                    .filter(c -> which.test(c.commonName()))
                    .map(c -> m.disconnectNow(c.cid(), c.commonName(), false)).toList();
            CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warning(() -> "Sessions of " + m.instance() + " not all ended: " + e.getMessage());
        }
    }

    /** A new instance's row: its server certificate (key encrypted) and tls-crypt key (sealed). */
    private VpnInstance makeInstance(InstanceStore.Allocation a) {
        String serverName = "vpn-" + a.name();
        IssuedCredential server = ca.issueServer(serverName);
        EncryptedKeyCodec codec = new EncryptedKeyCodec(secrets.keyEncryptionSecret());
        LOG.info(() -> "VPN instance " + a.name() + " made for account " + a.accountId() + ": udp " + a.port()
                + ", tunnel " + a.tunnel());
        return new VpnInstance(a.accountId(), a.name(), a.port(), a.tunnel().toString(), serverName,
                Pem.encode(server.certificate()), codec.encrypt(server.privateKey()),
                secrets.encryptText(TlsCryptKey.generate(random)), clock.instant());
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
