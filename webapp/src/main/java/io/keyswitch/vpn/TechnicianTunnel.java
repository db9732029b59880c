package io.keyswitch.vpn;

import java.time.Instant;

/**
 * A technician's VPN tunnel that is up: on which account's instance (and its tun interface), with which OpenVPN
 * client id, and the tunnel address the portal gave it — the address connection rules are written for.
 */
public record TechnicianTunnel(long accountId, long userId, String instance, String device, long cid, String address,
                               Instant since) {
}
