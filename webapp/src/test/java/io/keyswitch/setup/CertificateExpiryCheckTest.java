package io.keyswitch.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The daily HTTPS certificate expiry check")
class CertificateExpiryCheckTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    @DisplayName("warns, in the IEC 62443 page's words, of a certificate ending within 30 days or ended; not of one with more left")
    void warnsWithin30Days() {
        // Arrange
        TestPki.Issued root = TestPki.root("Plant CA", NOW);
        X509Certificate ninetyDays = TestPki.server(root, "portal.example.com", NOW).certificate();
        X509Certificate tenDays = TestPki.server(TestPki.ec(), root, List.of("portal.example.com"),
                NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(10)).plusSeconds(60)).certificate();
        X509Certificate expired = TestPki.server(TestPki.ec(), root, List.of("portal.example.com"),
                NOW.minus(Duration.ofDays(80)), NOW.minus(Duration.ofDays(3))).certificate();

        // Act, Assert
        assertThat(CertificateExpiryCheck.warning(ninetyDays, NOW)).isEmpty();
        assertThat(CertificateExpiryCheck.warning(tenDays, NOW)).hasValueSatisfying(w -> assertThat(w)
                .startsWith("HTTPS certificate CN=portal.example.com").endsWith("(ends in 10 days: replace it soon)"));
        assertThat(CertificateExpiryCheck.warning(expired, NOW)).hasValueSatisfying(w -> assertThat(w)
                .endsWith("(EXPIRED 3 days ago)"));
    }
}
