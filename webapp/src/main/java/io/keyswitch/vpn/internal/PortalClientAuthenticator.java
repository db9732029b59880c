package io.keyswitch.vpn.internal;

import io.keyswitch.account.Account;
import io.keyswitch.account.AccountStatus;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.Outcome;
import io.keyswitch.vpn.auth.DeviceSecretHasher;
import io.keyswitch.vpn.config.InstanceSettings;
import io.keyswitch.vpn.config.Ipv4Network;
import io.keyswitch.vpn.openvpn.AuthDecision;
import io.keyswitch.vpn.openvpn.ClientConfigLines;
import io.keyswitch.vpn.openvpn.ClientEnvironment;
import io.keyswitch.vpn.openvpn.ConnectedClient;
import io.keyswitch.vpn.openvpn.ManagementEvent;
import io.keyswitch.vpn.openvpn.StaticChallengeResponse;
import io.keyswitch.vpn.VpnClient;
import io.keyswitch.vpn.VpnCredential;
import io.keyswitch.device.Device;
import io.keyswitch.device.DeviceStatus;
import io.keyswitch.security.LoginResult;
import io.keyswitch.security.LoginService;
import io.keyswitch.security.TechnicianLogin;
import io.keyswitch.jail.Ban;
import io.keyswitch.jail.LoginJail;
import io.keyswitch.platform.Rights;
import io.keyswitch.user.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The portal's {@link io.keyswitch.vpn.openvpn.ClientAuthenticator}: decides every {@code >CLIENT:CONNECT}
 * and {@code REAUTH} of every instance, on the shared decision executor. A device that {@link UsableDeviceView} holds
 * is decided from memory (no SQL); anything else — technicians, devices memory does not hold — with the database.
 *
 * <p>Order: the login jail (source address) first; then the certificate: its CN must name an identity of this
 * instance's account, and its serial the identity's current, unrevoked credential. A device then needs its user name
 * to be its CN, its secret to match (keyed hash), and the device and its account enabled. A technician's password
 * field is {@code SCRV1:password:code}, checked by {@link TechnicianLogin} exactly like the web login (jail,
 * password, state, temporary limits, TOTP). A {@code REAUTH} (TLS renegotiation, hourly) of a session this portal
 * allowed is accepted without the secret or code (a technician's code is stale by then), but the state is checked
 * again. Every refusal is audited ({@code vpn.auth}, or {@code vpn.login} by the technician login) with its reason; the
 * client only hears "authentication failed". Refusals need a certificate of this CA and the instance's tls-crypt key,
 * so auditing each one cannot be turned into free database writes by strangers.
 */
@ApplicationScoped
public class PortalClientAuthenticator {

    private static final Logger LOG = Logger.getLogger(PortalClientAuthenticator.class.getName());
    private static final String VAGUE = "authentication failed";

    @Inject
    ClientStore store;

    @Inject
    LiveStatusStore statusStore;

    @Inject
    VpnWriter writer;

    @Inject
    LoginJail jail;

    @Inject
    UsableDeviceView view;

    @Inject
    LoginService logins;

    @Inject
    TechnicianLogin technicians;

    @Inject
    UserDirectory users;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    private volatile DeviceSecretHasher hasher;
    /** {@code instance/cid -> CN} of the sessions this portal allowed (or found connected), for REAUTH. */
    private final Map<String, String> sessions = new ConcurrentHashMap<>();

    public void configure(DeviceSecretHasher deviceSecretHasher) {
        this.hasher = deviceSecretHasher;
    }

    public AuthDecision decide(String instance, long accountId, InstanceSettings files,
                               ManagementEvent.ClientAuthRequest request) {
        ClientEnvironment env = request.env();
        String cn = env.commonName().orElse("");
        String address = env.remoteAddress().orElse(null);
        String jailName = jailName(cn);
        String key = instance + "/" + request.cid();
        boolean knownSession = request.reauth() && cn.equals(sessions.get(key));
        if (address != null && banned(address, jailName)) {
            return refuse(accountId, cn, address, "vpn:" + cn, Outcome.DENIED, "source address jailed", false);
        }
        Optional<BigInteger> serial = serial(env);
        Optional<UsableDevices.Entry> usable = view.find(cn).filter(e -> e.accountId() == accountId);
        Optional<String> secretHash = usable.flatMap(e -> serial.flatMap(s -> e.secretHash(s.toString(16))));
        if (secretHash.isPresent()) {
            // the usual case, from memory: a device of this account, enabled, with its current certificate
            UsableDevices.Entry d = usable.get();
            return remember(key, cn, deviceCredentials(accountId, cn, secretHash.get(), d.tunnelHost(), d.virtualSubnet(),
                    env, address, jailName, "device:" + d.deviceId(), knownSession, files));
        }
        Optional<CurrentDevice> current = knownSession ? Optional.empty() : serial.flatMap(s -> currentDevice(cn, accountId, s));
        if (current.isPresent()) {
            CurrentDevice d = current.get();
            return remember(key, cn, deviceCredentials(accountId, cn, d.credential().getSecretHash(),
                    d.client().getTunnelHost(), d.device().getVirtualSubnet(), env, address, jailName,
                    "device:" + d.device().getId(), false, files));
        }
        Optional<VpnClient> found = store.clientByCommonName(cn);
        if (found.isEmpty() || found.get().getAccountId() != accountId) {
            return refuse(accountId, cn, address, "vpn:" + cn, Outcome.DENIED,
                    "certificate " + cn + " belongs to no identity of this account", true);
        }
        VpnClient client = found.get();
        String target = client.getKind() == VpnClient.Kind.DEVICE ? "device:" + client.getDeviceId() : "user:" + client.getUserId();
        Optional<VpnCredential> credential = serial.flatMap(s -> store.credential(client.getId(), s));
        if (credential.isEmpty() || credential.get().isRevoked()) {
            return refuse(accountId, cn, address, target, Outcome.DENIED, "certificate replaced or revoked", true);
        }
        return remember(key, cn, client.getKind() == VpnClient.Kind.DEVICE
                ? device(accountId, client, credential.get(), env, address, jailName, target, knownSession, files)
                : technician(accountId, client, env, address, target, knownSession, files));
    }

    /** An allowed session is one this portal knows at its REAUTH. */
    private AuthDecision remember(String key, String cn, AuthDecision decision) {
        if (decision instanceof AuthDecision.Allow) {
            sessions.put(key, cn);
        }
        return decision;
    }

    private AuthDecision device(long accountId, VpnClient client, VpnCredential credential, ClientEnvironment env,
                                String address, String jailName, String target, boolean knownSession,
                                InstanceSettings files) {
        Optional<Device> device = client.getDeviceId() == null ? Optional.empty() : store.device(client.getDeviceId());
        if (device.isEmpty()) {
            return refuse(accountId, client.getCommonName(), address, target, Outcome.DENIED, "device deleted", false);
        }
        if (device.get().getStatus() != DeviceStatus.ACTIVE) {
            return refuse(accountId, client.getCommonName(), address, target, Outcome.DENIED, "device disabled", false);
        }
        if (!store.account(accountId).map(Account::isActive).orElse(false)) {
            return refuse(accountId, client.getCommonName(), address, target, Outcome.DENIED, "account disabled", false);
        }
        return deviceCredentials(accountId, client.getCommonName(), credential.getSecretHash(), client.getTunnelHost(),
                device.get().getVirtualSubnet(), env, address, jailName, target, knownSession, files);
    }

    /**
     * A device whose identity, credential, device and account are all current: its user name and secret decide.
     * No database work: the jail is in memory, a refusal's audit event goes to the writer.
     */
    private AuthDecision deviceCredentials(long accountId, String cn, String secretHash, int tunnelHost,
                                           String virtualSubnet, ClientEnvironment env, String address, String jailName,
                                           String target, boolean knownSession, InstanceSettings files) {
        if (!knownSession) {
            if (!cn.equals(env.username().orElse(null))) {
                return refuse(accountId, cn, address, target, Outcome.FAILURE,
                        "user name is not the device's identity " + cn, true);
            }
            if (!secretMatches(env.password().orElse(""), secretHash)) {
                return refuse(accountId, cn, address, target, Outcome.FAILURE, "wrong device secret", true);
            }
            if (address != null) {
                recordSuccess(address, jailName);
            }
        }
        Ipv4Network tunnel = files.tunnelNetwork();
        Ipv4Network lan = Ipv4Network.parse(virtualSubnet);
        return AuthDecision.allow(List.of(
                ClientConfigLines.ifconfigPush(tunnel.host(tunnelHost), tunnel.netmask()),
                ClientConfigLines.iroute(lan.address(), lan.netmask())));
    }

    private AuthDecision technician(long accountId, VpnClient client, ClientEnvironment env, String address,
                                    String target, boolean knownSession, InstanceSettings files) {
        if (client.getUserId() == null) {
            return refuse(accountId, client.getCommonName(), address, target, Outcome.DENIED, "user deleted", false);
        }
        if (!users.rightsOf(client.getUserId()).contains(Rights.DEVICE_CONNECT)) {
            return refuse(accountId, client.getCommonName(), address, target, Outcome.DENIED,
                    (knownSession ? "renegotiation refused: " : "") + "the user no longer holds the right " + Rights.DEVICE_CONNECT,
                    false);
        }
        if (knownSession) {
            Optional<String> refusal = logins.stillAllowed(client.getUserId());
            if (refusal.isPresent()) {
                return refuse(accountId, client.getCommonName(), address, target, Outcome.DENIED,
                        "renegotiation refused: " + refusal.get(), false);
            }
        } else {
            Optional<StaticChallengeResponse> login = StaticChallengeResponse.parse(env.password().orElse(null));
            if (login.isEmpty()) {
                return refuse(accountId, client.getCommonName(), address, target, Outcome.FAILURE,
                        "password is not in static-challenge form (SCRV1): not a Keyswitch technician profile", true);
            }
            LoginResult result = technicians.login(client.getUserId(), env.username().orElse(""),
                    login.get().password().toCharArray(), login.get().response(), address);
            if (!result.signedIn()) {
                // the technician login audited it (vpn.login) and counted it in the jail
                return AuthDecision.deny("technician refused: " + result.status(), VAGUE);
            }
        }
        Ipv4Network tunnel = files.tunnelNetwork();
        // One route per network of the account's virtual pool, whatever the grants: routes are not access control, the
        // appliance's forward chain is (a connection puts the granted components' rules in).
        List<String> lines = new java.util.ArrayList<>();
        lines.add(ClientConfigLines.ifconfigPush(tunnel.host(client.getTunnelHost()), tunnel.netmask()));
        files.deviceNetworks().forEach(pool -> lines.add(ClientConfigLines.pushRoute(pool.address(), pool.netmask())));
        return AuthDecision.allow(lines);
    }

    /** An enabled device of an enabled account, with its current, unrevoked credential. */
    private record CurrentDevice(VpnClient client, VpnCredential credential, Device device) {
    }

    /**
     * The usual CONNECT, a device of this account presenting its current certificate, in one query: identity by CN,
     * credential by serial (not revoked), device enabled, account enabled. Empty when any of these does not hold; the
     * step-by-step checks then find which, for the refusal's reason. (Four lookups in four transactions, one round
     * trip each, had held a reconnect storm to about 1,000 decisions/s.)
     */
    private Optional<CurrentDevice> currentDevice(String cn, long accountId, BigInteger serial) {
        List<Object[]> rows = em.createQuery("SELECT c, cr, d FROM VpnClient c, VpnCredential cr, Device d, Account a"
                        + " WHERE c.commonName = :cn AND c.accountId = :account AND c.kind = :kind"
                        + " AND cr.clientId = c.id AND cr.serialHex = :serial AND cr.revokedAt IS NULL"
                        + " AND d.id = c.deviceId AND d.status = :deviceActive"
                        + " AND a.id = c.accountId AND a.status = :accountActive", Object[].class)
                .setParameter("cn", cn).setParameter("account", accountId).setParameter("kind", VpnClient.Kind.DEVICE)
                .setParameter("serial", serial.toString(16)).setParameter("deviceActive", DeviceStatus.ACTIVE)
                .setParameter("accountActive", AccountStatus.ACTIVE).setMaxResults(1).getResultList();
        return rows.isEmpty() ? Optional.empty()
                : Optional.of(new CurrentDevice((VpnClient) rows.get(0)[0], (VpnCredential) rows.get(0)[1], (Device) rows.get(0)[2]));
    }

    /** The name a device's or technician's failed logins count against in the login jail, whichever way they came. */
    public static String jailName(String commonName) {
        return "vpn/" + commonName;
    }

    /** Whether {@code secret} is the one the credential's hash was made from (false until the VPN's keys are loaded). */
    public boolean secretMatches(String secret, VpnCredential credential) {
        return secretMatches(secret, credential.getSecretHash());
    }

    /** Whether {@code secret} is the one {@code secretHash} was made from (false until the VPN's keys are loaded). */
    public boolean secretMatches(String secret, String secretHash) {
        DeviceSecretHasher h = hasher;
        return h != null && secretHash != null && h.matches(secret, secretHash);
    }

    /** The session ended: a REAUTH with its cid is no longer one this portal allowed. */
    public void forget(String instance, long cid) {
        sessions.remove(instance + "/" + cid);
    }

    /** After reconciliation: exactly the connected clients are sessions this instance has (survives a portal restart). */
    public void reconciled(String instance, List<ConnectedClient> connected) {
        sessions.keySet().removeIf(k -> k.startsWith(instance + "/"));
        connected.forEach(c -> sessions.put(instance + "/" + c.cid(), c.commonName()));
    }

    private boolean banned(String address, String jailName) {
        return activeBan(address, jailName).isPresent();
    }

    /** The jail's ban of the address or the login name ({@link #jailName}); none for an address that is no IP literal. */
    public Optional<Ban> activeBan(String address, String jailName) {
        try {
            return jail.activeBan(address, jailName);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A device's or technician's login succeeded: the jail forgets the name's failures. */
    public void recordSuccess(String address, String jailName) {
        try {
            jail.recordSuccess(address, jailName);
        } catch (IllegalArgumentException e) {
            LOG.fine("not an IP literal: " + address);
        }
    }

    /** A login failed: it counts against the address and the name in the jail. */
    public void recordFailure(String address, String jailName) {
        try {
            jail.recordFailure(address, jailName);
        } catch (IllegalArgumentException e) {
            LOG.fine("not an IP literal: " + address);
        }
    }

    private AuthDecision refuse(long accountId, String cn, String address, String target, Outcome outcome, String reason,
                                boolean countsInJail) {
        if (countsInJail && address != null) {
            recordFailure(address, jailName(cn));
        }
        // written by the VPN's writer thread: a decision never waits for the audit chain's lock
        AuditEntry refusal = AuditEntry.of(AuditAction.VPN_AUTH, outcome).in(accountId).by("vpn:" + cn, null).from(address)
                .on(target).because(reason);
        writer.submit(() -> statusStore.record(refusal));
        return AuthDecision.deny(reason, VAGUE);
    }

    private static Optional<BigInteger> serial(ClientEnvironment env) {
        try {
            return env.get("tls_serial_0").map(BigInteger::new);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
