package io.keyswitch.vpn.openvpn;

/** OpenVPN answered a management command with {@code ERROR:}, or the socket closed before it answered. */
public final class ManagementCommandException extends RuntimeException {

    public ManagementCommandException(String message) {
        super(message);
    }
}
