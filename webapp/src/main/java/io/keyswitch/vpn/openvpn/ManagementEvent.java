package io.keyswitch.vpn.openvpn;

import java.util.List;

/** One complete message read from the management interface: a real-time notification or a command reply. */
public sealed interface ManagementEvent {

    /** {@code >CLIENT:CONNECT} or {@code >CLIENT:REAUTH} with its environment: OpenVPN waits for client-auth or client-deny. */
    record ClientAuthRequest(long cid, long kid, boolean reauth, ClientEnvironment env) implements ManagementEvent {
    }

    /** {@code >CLIENT:ESTABLISHED}: the client is authenticated and has its tunnel address. */
    record ClientEstablished(long cid, ClientEnvironment env) implements ManagementEvent {
    }

    /** {@code >CLIENT:DISCONNECT}: the client is gone; {@code bytes_received}/{@code bytes_sent} are final. */
    record ClientDisconnected(long cid, ClientEnvironment env) implements ManagementEvent {
    }

    /** {@code >CLIENT:ADDRESS}: an address or subnet (an iroute when not primary) now belongs to the client. */
    record ClientAddress(long cid, String address, boolean primary) implements ManagementEvent {
    }

    /** {@code >BYTECOUNT_CLI}: bytes received from and sent to one client so far. */
    record ByteCount(long cid, long bytesIn, long bytesOut) implements ManagementEvent {
    }

    /** {@code >INFO}, e.g. the greeting after connecting to the socket. */
    record Info(String text) implements ManagementEvent {
    }

    /** {@code >HOLD}: OpenVPN waits for {@code hold release}. */
    record Hold(String text) implements ManagementEvent {
    }

    /** Any other real-time notification ({@code >LOG}, {@code >STATE}, {@code >FATAL}, ...). */
    record Notification(String source, String text) implements ManagementEvent {
    }

    /** {@code SUCCESS: ...}: the reply to a single-line command. */
    record CommandSucceeded(String text) implements ManagementEvent {
    }

    /** {@code ERROR: ...}: the reply to a command that failed. */
    record CommandFailed(String text) implements ManagementEvent {
    }

    /** The lines of a multi-line reply (e.g. {@code status 3}), without the closing {@code END}. */
    record CommandOutput(List<String> lines) implements ManagementEvent {
        public CommandOutput {
            lines = List.copyOf(lines);
        }
    }
}
