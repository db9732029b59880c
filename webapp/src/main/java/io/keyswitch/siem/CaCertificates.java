package io.keyswitch.siem;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The CA certificates of a TLS target, as uploaded in PEM: read, and named by their SHA-256 fingerprints. */
final class CaCertificates {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----",
            Pattern.DOTALL);

    private CaCertificates() {
    }

    /**
     * The certificates of {@code pem} (one or more {@code BEGIN CERTIFICATE} blocks; text around them is ignored).
     *
     * @throws IllegalArgumentException with a sentence for a person when there is none or one cannot be read
     */
    static List<X509Certificate> read(String pem) {
        Matcher m = BLOCK.matcher(pem == null ? "" : pem);
        List<X509Certificate> out = new java.util.ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                String block = "-----BEGIN CERTIFICATE-----\n" + m.group(1).replaceAll("\\s", "") + "\n-----END CERTIFICATE-----\n";
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.getBytes(StandardCharsets.US_ASCII))));
            }
        } catch (CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("A certificate in it cannot be read: paste the CA certificate in PEM"
                    + " (-----BEGIN CERTIFICATE----- …).");
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("No certificate found: paste the CA certificate in PEM (-----BEGIN CERTIFICATE----- …).");
        }
        return List.copyOf(out);
    }

    /** Each certificate's SHA-256 fingerprint (hex, colon-separated), or nothing when {@code pem} cannot be read. */
    static List<String> fingerprints(String pem) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return read(pem).stream().map(c -> {
                try {
                    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha.digest(c.getEncoded()));
                } catch (java.security.cert.CertificateEncodingException e) {
                    return "?";
                }
            }).toList();
        } catch (IllegalArgumentException | NoSuchAlgorithmException e) {
            return List.of();
        }
    }
}
