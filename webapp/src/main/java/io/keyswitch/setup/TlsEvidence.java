package io.keyswitch.setup;

import io.keyswitch.compliance.ComplianceEvidence;
import io.keyswitch.compliance.Evidence;
import io.keyswitch.compliance.EvidenceScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * What the portal's HTTPS shows of IEC 62443-3-3 now: the TLS protocols and cipher suites a server engine of this
 * JVM enables, which Payara's HTTPS listener takes ({@code jdk.tls.server.protocols}, {@code
 * jdk.tls.disabledAlgorithms}), SR 4.1 and 4.3, and the certificate it serves with its expiry, SR 1.8. The same for
 * every account: it is the appliance's one listener, and what any client sees in the handshake.
 */
@ApplicationScoped
public class TlsEvidence implements ComplianceEvidence {

    /** A certificate that ends within this is called out. */
    static final Duration SOON = Duration.ofDays(30);

    @Inject
    TlsCertificates certificates;

    @Inject
    Clock clock;

    @Override
    public List<Evidence> measure(EvidenceScope scope) {
        List<Evidence> out = new ArrayList<>();
        SSLEngine engine = serverEngine();
        out.add(new Evidence("4.1", protocols(engine.getEnabledProtocols())));
        out.add(new Evidence("4.3", ciphers(engine.getEnabledCipherSuites())));
        String certificate = certificates.currentCertificate().map(c -> certificate(c, clock.instant()))
                .orElse("no HTTPS key store configured: the portal serves the certificate Payara made for itself");
        out.add(new Evidence("1.8", certificate));
        out.add(new Evidence("4.3", certificate));
        return out;
    }

    private static SSLEngine serverEngine() {
        try {
            SSLEngine engine = SSLContext.getDefault().createSSLEngine();
            engine.setUseClientMode(false);
            return engine;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context: " + e.getMessage(), e);
        }
    }

    /** "HTTPS accepts TLSv1.3, TLSv1.2 only", or names the old protocols it still allows. */
    static String protocols(String[] enabled) {
        List<String> old = Arrays.stream(enabled).filter(p -> !p.equals("TLSv1.3") && !p.equals("TLSv1.2")).toList();
        return "HTTPS accepts " + String.join(", ", enabled) + (old.isEmpty() ? " only" : " — older than TLS 1.2: " + String.join(", ", old));
    }

    /** "HTTPS cipher suites (17): TLS_AES_256_GCM_SHA384, …"; suites without forward secrecy or AEAD are named. */
    static String ciphers(String[] suites) {
        List<String> weak = Arrays.stream(suites)
                .filter(s -> !s.startsWith("TLS_AES_") && !s.startsWith("TLS_CHACHA20_") && !s.startsWith("TLS_ECDHE_")
                        && !s.startsWith("TLS_DHE_") && !s.startsWith("TLS_EMPTY_RENEGOTIATION_INFO"))
                .toList();
        return "HTTPS cipher suites (" + suites.length + "): " + String.join(", ", suites)
                + (weak.isEmpty() ? "; all with forward secrecy" : "; without forward secrecy: " + String.join(", ", weak));
    }

    /** "HTTPS certificate CN=…, valid until 2027-01-01 00:00 UTC (390 days left)", EXPIRED or "ends in N days" called out. */
    static String certificate(X509Certificate c, Instant now) {
        Instant until = c.getNotAfter().toInstant();
        long days = Duration.between(now, until).toDays();
        String left = until.isBefore(now) ? "EXPIRED " + Duration.between(until, now).toDays() + " days ago"
                : days < SOON.toDays() ? "ends in " + days + " days: replace it soon" : days + " days left";
        boolean selfSigned = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
        return "HTTPS certificate " + c.getSubjectX500Principal().getName() + " (" + c.getPublicKey().getAlgorithm()
                + ", " + c.getSigAlgName() + (selfSigned ? ", self-signed" : ", issued by " + c.getIssuerX500Principal().getName())
                + "), valid until " + CertificateValidator.format(c.getNotAfter()) + " (" + left + ")";
    }
}
