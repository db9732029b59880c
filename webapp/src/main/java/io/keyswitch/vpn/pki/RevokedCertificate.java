package io.keyswitch.vpn.pki;

import java.math.BigInteger;
import java.time.Instant;

/** A serial number on the CRL and when it was revoked. */
public record RevokedCertificate(BigInteger serial, Instant revokedAt) {
}
