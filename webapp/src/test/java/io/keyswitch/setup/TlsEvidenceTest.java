package io.keyswitch.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The TLS evidence's words (IEC 62443 SR 1.8, 4.1, 4.3)")
class TlsEvidenceTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    @DisplayName("SR 4.1: the protocols the listener accepts; one older than TLS 1.2 is called out")
    void protocols() {
        assertThat(TlsEvidence.protocols(new String[] {"TLSv1.3", "TLSv1.2"})).isEqualTo("HTTPS accepts TLSv1.3, TLSv1.2 only");
        assertThat(TlsEvidence.protocols(new String[] {"TLSv1.2", "TLSv1.1"})).endsWith("older than TLS 1.2: TLSv1.1");
    }

    @Test
    @DisplayName("SR 4.3: the cipher suites; a suite without forward secrecy is named")
    void ciphers() {
        assertThat(TlsEvidence.ciphers(new String[] {"TLS_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"}))
                .isEqualTo("HTTPS cipher suites (2): TLS_AES_256_GCM_SHA384, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384; all with forward secrecy");
        assertThat(TlsEvidence.ciphers(new String[] {"TLS_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"}))
                .endsWith("; without forward secrecy: TLS_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    @DisplayName("SR 1.8: the certificate with its key, issuer and expiry; days left, soon, or expired")
    void certificate() {
        TestPki.Issued root = TestPki.root("Plant CA", NOW);
        X509Certificate ninetyDays = TestPki.server(root, "portal.example.com", NOW).certificate();
        X509Certificate tenDays = TestPki.server(TestPki.ec(), root, List.of("portal.example.com"), NOW.minus(Duration.ofDays(80)),
                NOW.plus(Duration.ofDays(10)).plusSeconds(60)).certificate();
        X509Certificate expired = TestPki.server(TestPki.ec(), root, List.of("portal.example.com"), NOW.minus(Duration.ofDays(80)),
                NOW.minus(Duration.ofDays(3))).certificate();

        assertThat(TlsEvidence.certificate(ninetyDays, NOW)).startsWith("HTTPS certificate CN=portal.example.com (EC, SHA256withECDSA,"
                + " issued by CN=Plant CA), valid until ").endsWith("(90 days left)");
        assertThat(TlsEvidence.certificate(tenDays, NOW)).endsWith("(ends in 10 days: replace it soon)");
        assertThat(TlsEvidence.certificate(expired, NOW)).endsWith("(EXPIRED 3 days ago)");
    }
}
