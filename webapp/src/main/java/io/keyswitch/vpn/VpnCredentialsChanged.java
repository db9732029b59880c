package io.keyswitch.vpn;

/**
 * A CDI event: an identity's VPN credentials changed — a profile issued (a new certificate and secret, the older ones
 * revoked) or revoked — fired inside the changing transaction; observers that read the credentials wait for the
 * commit.
 *
 * @param commonName the identity ({@code device-42}, {@code user-7})
 */
public record VpnCredentialsChanged(long accountId, String commonName) {
}
