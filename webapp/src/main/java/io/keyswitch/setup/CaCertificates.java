package io.keyswitch.setup;

import io.keyswitch.platform.SettingsReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The CA certificates this appliance knows, to tell whether an uploaded certificate was issued by a CA
 * that browsers know too: Debian's bundle {@value #DEFAULT_FILE} (package ca-certificates), or the PEM
 * file named by {@value #KEY_FILE}. Read once. A missing or unreadable file means no CA is known: every
 * uploaded certificate is then accepted with the warning that its CA is unknown, never refused for it.
 */
public final class CaCertificates {

    /** The PEM bundle of trusted CA certificates (default {@value #DEFAULT_FILE}). */
    public static final String KEY_FILE = "keyswitch.tls.ca-certificates";
    public static final String DEFAULT_FILE = "/etc/ssl/certs/ca-certificates.crt";

    private static final Logger LOG = Logger.getLogger(CaCertificates.class.getName());
    private static volatile CaCertificates system;

    private final Set<TrustAnchor> anchors;
    private final String source;

    private CaCertificates(Set<TrustAnchor> anchors, String source) {
        this.anchors = Set.copyOf(anchors);
        this.source = source;
    }

    /** These certificates as the known CAs; {@code source} says where they came from (for the log). */
    public static CaCertificates of(Collection<X509Certificate> cas, String source) {
        Set<TrustAnchor> anchors = new LinkedHashSet<>();
        cas.forEach(c -> anchors.add(new TrustAnchor(c, null)));
        return new CaCertificates(anchors, source);
    }

    /** No CA known. */
    public static CaCertificates none() {
        return new CaCertificates(Set.of(), "none");
    }

    /** The portal's: the file of {@value #KEY_FILE}, read at the first call. */
    public static CaCertificates system() {
        CaCertificates s = system;
        if (s == null) {
            s = read(Path.of(configuredFile()));
            system = s;
        }
        return s;
    }

    private static String configuredFile() {
        try {
            return SettingsReader.portal().text(KEY_FILE, DEFAULT_FILE);
        } catch (IllegalStateException noConfigOutsideTheServer) {
            return DEFAULT_FILE;
        }
    }

    /** The certificates of a PEM bundle; none (with a log line that says why) when it cannot be read. */
    public static CaCertificates read(Path file) {
        if (!Files.isReadable(file)) {
            LOG.warning(() -> "No CA certificates at " + file + ": every uploaded certificate counts as issued by an unknown CA.");
            return new CaCertificates(Set.of(), file + " (missing)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            Set<X509Certificate> cas = new LinkedHashSet<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                cas.add((X509Certificate) c);
            }
            return of(cas, file.toString());
        } catch (IOException | CertificateException | RuntimeException e) {
            LOG.warning(() -> "Cannot read the CA certificates " + file + " (" + e.getMessage()
                    + "): every uploaded certificate counts as issued by an unknown CA.");
            return new CaCertificates(Set.of(), file + " (unreadable)");
        }
    }

    public Set<TrustAnchor> anchors() {
        return anchors;
    }

    /** Whether {@code c} is one of these CA certificates. */
    public boolean contains(X509Certificate c) {
        return anchors.stream().anyMatch(a -> c.equals(a.getTrustedCert()));
    }

    /** For the start-up log line: how many, from where. */
    public String describe() {
        return anchors.size() + " known CA certificates from " + source;
    }
}
