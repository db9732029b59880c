package io.keyswitch.datapoint;

import io.keyswitch.device.TunnelMode;
import java.time.Instant;

/**
 * Role: checks a device's identity and secret exactly as the device's VPN login is checked — the same identity (the
 * certificate's CN, {@code device-42}), the same secret, the same login jail (a wrong secret counts as a wrong VPN
 * login, a jailed address or identity is refused) and the same audit. Implemented by the VPN, which owns the secrets.
 */
public interface DeviceCredentials {

    /** What the check found. */
    sealed interface Verdict {
    }

    /** The secret is the device's current one, and the device and its account are enabled. */
    record Accepted(long accountId, long deviceId, TunnelMode tunnelMode) implements Verdict {
    }

    /** No such device, or not its secret (counted in the jail). */
    record Wrong() implements Verdict {
    }

    /** The right secret, but the device or its account is disabled (or the VPN's keys are not loaded). */
    record Refused(String reason) implements Verdict {
    }

    /** The address or the identity is jailed until {@code until}; the secret was not checked. */
    record Jailed(Instant until) implements Verdict {
    }

    /**
     * @param identity the device's identity as the router sends it as its user name
     * @param address  the client's IP literal
     */
    Verdict check(String identity, String secret, String address);
}
