package io.keyswitch.vpn.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate and its private key. {@link #toString()} never shows the key. */
public record IssuedCredential(X509Certificate certificate, PrivateKey privateKey) {

    @Override
    public String toString() {
        return "IssuedCredential[" + certificate.getSubjectX500Principal().getName()
                + ", serial " + certificate.getSerialNumber().toString(16) + ", key ***]";
    }
}
