package io.keyswitch.vpn;

import io.keyswitch.audit.AuditEntry;
import io.keyswitch.account.AccountPolicies;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.Changes;
import io.keyswitch.vpn.auth.DeviceSecret;
import io.keyswitch.vpn.config.Ipv4Network;
import io.keyswitch.vpn.config.ProfileGenerator;
import io.keyswitch.vpn.instance.VpnAvailability;
import io.keyswitch.vpn.internal.CredentialIssuer;
import io.keyswitch.vpn.internal.ClientStore;
import io.keyswitch.vpn.internal.LiveStatusStore;
import io.keyswitch.device.Device;
import io.keyswitch.device.DeviceService;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What pages and the API do with the VPN: device profiles (made or made again: new certificate and secret, the old
 * certificate revoked), revoking a device (CRL, then its session killed), a technician's own profile, and the devices'
 * live status. Every change needs its right and a reason (where the account's rules ask for one) and is audited.
 */
@ApplicationScoped
public class VpnService {

    @Inject
    VpnRuntime runtime;

    @Inject
    ClientStore clients;

    @Inject
    LiveStatusStore liveStatus;

    @Inject
    CredentialIssuer issuer;

    @Inject
    DeviceService devices;

    @Inject
    LiveStatusBoard board;

    @Inject
    AccountPolicies policies;

    private final SecureRandom random = new SecureRandom();

    /** A device's profile and its secret: the secret is shown once and stored only as a keyed hash. */
    public record DeviceProfile(String fileName, String profile, String identity, String secret) {
        @Override
        public String toString() {
            return "DeviceProfile[" + identity + ", ***]";
        }
    }

    /** A technician's profile: log in with the portal user name, password and authenticator code. */
    public record TechnicianProfile(String fileName, String profile, String username) {
        @Override
        public String toString() {
            return "TechnicianProfile[" + username + ", ***]";
        }
    }

    /** Whether OpenVPN runs on this appliance, or why not. */
    public VpnAvailability availability() {
        return runtime.availability();
    }

    /** One line for a page's banner: empty when everything works. */
    public Optional<String> problem(long accountId) {
        VpnAvailability a = runtime.availability();
        if (!a.available()) {
            return Optional.of("VPN unavailable: " + a.detail() + ". Devices cannot connect; everything else works.");
        }
        if (runtime.startFailed(accountId)) {
            return Optional.of("The VPN server of this account could not be started (see the portal's log): devices"
                    + " cannot connect.");
        }
        if (runtime.management(accountId).isPresent() && !board.managementAvailable(accountId)) {
            return Optional.of("The VPN server of this account does not answer on its management socket: device status"
                    + " may be out of date.");
        }
        return Optional.empty();
    }

    /** Makes the device's profile and secret; any earlier profile of the device stops working (revoked). */
    public DeviceProfile deviceProfile(Actor actor, long deviceId, String reason) {
        actor.require(Rights.DEVICE_EDIT);
        String why = policies.reason(actor, reason);
        Device device = devices.find(actor, deviceId).orElseThrow(() -> new NotFound("device"));
        requireIssuing();
        Ipv4Network tunnel = runtime.tunnel(actor.accountId());
        String secret = DeviceSecret.generate(random);
        CredentialIssuer.Issued issued = issuer.issue(actor.accountId(), VpnClient.Kind.DEVICE, device.getId(), null,
                maxHost(tunnel), runtime::issueClient, secret, runtime.hasher(), replacedBecause(why),
                i -> AuditEntry.change(actor, i.revoked() == 0 ? AuditAction.VPN_DEVICE_PROFILE : AuditAction.VPN_DEVICE_PROFILE_REGENERATE,
                        "device:" + device.getId(), Changes.of()
                                .field("identity", null, i.client().getCommonName())
                                .field("certificate", null, i.credential().certificate().getSerialNumber().toString(16))
                                .field("revokedCertificates", null, i.revoked()), why));
        if (issued.revoked() > 0) {
            runtime.writeCrl(actor.accountId());
            runtime.disconnect(actor.accountId(), issued.client().getCommonName());
        }
        String profile = new ProfileGenerator().device(runtime.material(actor.accountId(), issued.credential()),
                Optional.empty());
        return new DeviceProfile(fileName(device.getName()) + ".ovpn", profile, issued.client().getCommonName(), secret);
    }

    /** Revokes the device's profile: on the CRL, its session ended now, refused from now on. */
    public void revokeDevice(Actor actor, long deviceId, String reason) {
        actor.require(Rights.DEVICE_EDIT);
        String why = policies.reason(actor, reason);
        Device device = devices.find(actor, deviceId).orElseThrow(() -> new NotFound("device"));
        String cn = VpnClient.deviceCommonName(device.getId());
        Optional<VpnClient> client = issuer.revoke(cn, actor.accountId(), why == null ? "revoked" : "revoked: " + why,
                n -> AuditEntry.change(actor, AuditAction.VPN_DEVICE_REVOKE, "device:" + device.getId(),
                        Changes.of().field("revokedCertificates", null, n), why));
        if (client.isEmpty()) {
            throw ValidationFailed.of("reason", "This device has no VPN profile to revoke.");
        }
        runtime.writeCrl(actor.accountId());
        runtime.disconnect(actor.accountId(), cn);
    }

    /** The signed-in user's own technician profile; an earlier one of the same user stops working. */
    public TechnicianProfile technicianProfile(Actor actor, String reason) {
        actor.require(Rights.DEVICE_CONNECT);
        String why = policies.reason(actor, reason);
        if (actor.userId() == null) {
            throw ValidationFailed.of("reason", "Only a user can have a technician profile.");
        }
        requireIssuing();
        String username = clients.username(actor.userId()).orElseThrow(() -> new NotFound("user"));
        Ipv4Network tunnel = runtime.tunnel(actor.accountId());
        CredentialIssuer.Issued issued = issuer.issue(actor.accountId(), VpnClient.Kind.TECHNICIAN, null, actor.userId(),
                maxHost(tunnel), runtime::issueClient, null, null, replacedBecause(why),
                i -> AuditEntry.change(actor, AuditAction.VPN_TECHNICIAN_PROFILE, "user:" + actor.userId(), Changes.of()
                        .field("identity", null, i.client().getCommonName())
                        .field("certificate", null, i.credential().certificate().getSerialNumber().toString(16))
                        .field("revokedCertificates", null, i.revoked()), why));
        if (issued.revoked() > 0) {
            runtime.writeCrl(actor.accountId());
            runtime.disconnect(actor.accountId(), issued.client().getCommonName());
        }
        String profile = new ProfileGenerator().technician(runtime.material(actor.accountId(), issued.credential()));
        return new TechnicianProfile(fileName(username) + "-technician.ovpn", profile, username);
    }

    /**
     * The live status of these devices of the actor's account (one query), by device id; for those who see devices
     * and for technicians (their machines).
     */
    public Map<Long, DeviceVpnStatus> status(Actor actor, List<Long> deviceIds) {
        actor.requireAny(Rights.DEVICE_VIEW, Rights.DEVICE_CONNECT);
        return liveStatus.statusOf(actor.accountId(), deviceIds);
    }

    /** Grows whenever a device status of the account changed: pages re-render their table only then. */
    public long statusVersion(Actor actor) {
        return board.version(actor.accountId());
    }

    private static String replacedBecause(String why) {
        return why == null ? "replaced by a new profile" : "replaced by a new profile: " + why;
    }

    private void requireIssuing() {
        if (!runtime.canIssue()) {
            throw ValidationFailed.of("reason", "VPN unavailable: " + runtime.availability().detail()
                    + ". No profile can be made.");
        }
    }

    private static int maxHost(Ipv4Network tunnel) {
        return (int) ((1L << (32 - tunnel.prefixLength())) - 2);
    }

    private static String fileName(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return clean.isEmpty() ? "keyswitch" : clean;
    }
}
