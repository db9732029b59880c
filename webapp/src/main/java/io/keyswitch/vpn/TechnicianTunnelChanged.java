package io.keyswitch.vpn;

/**
 * A CDI event: a technician's tunnel came up ({@code tunnel} present) or went down (empty), fired on the management
 * client's thread as soon as OpenVPN says so (and after a reconciliation for every change it found). Observers must
 * hand the work to their own thread.
 */
public record TechnicianTunnelChanged(long accountId, long userId, java.util.Optional<TechnicianTunnel> tunnel) {
}
