package io.keyswitch.setup;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A certificate the portal may serve: its private key and the chain it sends, from the server certificate
 * (first) through its intermediates, never a self-signed root unless the certificate itself is one; every
 * check of {@link CertificateValidator} passed.
 *
 * @param warning what the person should know although the certificate is accepted (its CA is unknown to
 *                the appliance, or it is self-signed), or {@code null}
 */
public record CertificateBundle(PrivateKey key, List<X509Certificate> chain, String warning) {

    public CertificateBundle {
        chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public Optional<String> warningText() {
        return Optional.ofNullable(warning);
    }
}
