package io.keyswitch.setup;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate the portal may serve: its private key and the chain from the server certificate
 * (first) to the self-signed root (last), every check of {@link CertificateValidator} passed.
 */
public record CertificateBundle(PrivateKey key, List<X509Certificate> chain) {

    public CertificateBundle {
        chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }
}
