package io.keyswitch.vpn.openvpn;

import io.keyswitch.vpn.auth.DeviceSecretHasher;
import io.keyswitch.vpn.config.Ipv4Network;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A real, in-memory device authenticator for the system tier and the load generator: certificate CN must name a
 * known, unrevoked device, the user name must equal it, and the password must match the device secret's keyed hash.
 * Allowed devices get their stable tunnel address and an iroute for their virtual LAN subnet.
 */
public final class DeviceTableAuthenticator implements ClientAuthenticator {

    /** One device as the portal's table would hold it. */
    public record Device(String commonName, String secretHash, String tunnelAddress, Ipv4Network virtualLan,
                         boolean revoked) {
    }

    private final DeviceSecretHasher hasher;
    private final Ipv4Network tunnel;
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final Queue<String> refusals = new ConcurrentLinkedQueue<>();

    public DeviceTableAuthenticator(DeviceSecretHasher hasher, Ipv4Network tunnel) {
        this.hasher = hasher;
        this.tunnel = tunnel;
    }

    public void put(Device device) {
        devices.put(device.commonName(), device);
    }

    public void revoke(String commonName) {
        devices.computeIfPresent(commonName, (cn, d) -> new Device(cn, d.secretHash(), d.tunnelAddress(), d.virtualLan(), true));
    }

    /** Every refusal so far, as "cn: reason". */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    @Override
    public AuthDecision authenticate(ManagementEvent.ClientAuthRequest request) {
        ClientEnvironment env = request.env();
        String commonName = env.commonName().orElse(null);
        Device device = commonName == null ? null : devices.get(commonName);
        String refusal;
        if (device == null) {
            refusal = "unknown device";
        } else if (device.revoked()) {
            refusal = "device revoked";
        } else if (!commonName.equals(env.username().orElse(null))) {
            refusal = "user name does not match the certificate";
        } else if (!hasher.matches(env.password().orElse(null), device.secretHash())) {
            refusal = "wrong device secret";
        } else {
            return AuthDecision.allow(List.of(
                    ClientConfigLines.ifconfigPush(device.tunnelAddress(), tunnel.netmask()),
                    ClientConfigLines.iroute(device.virtualLan().address(), device.virtualLan().netmask())));
        }
        refusals.add(commonName + ": " + refusal);
        return AuthDecision.deny(refusal, "authentication failed");
    }
}
