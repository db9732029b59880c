package io.keyswitch.vpn.openvpn;

/**
 * Decides a client's {@code >CLIENT:CONNECT} or {@code >CLIENT:REAUTH} (certificate already verified by OpenVPN):
 * the portal implements it with its devices, users, grants and login jail.
 *
 * <p>Called on the management client's decision executor, never on its reader thread, so it may block on the
 * database; it must answer well within OpenVPN's {@code hand-window} (60 s). An exception counts as a denial.
 */
@FunctionalInterface
public interface ClientAuthenticator {

    AuthDecision authenticate(ManagementEvent.ClientAuthRequest request);
}
