package io.keyswitch.setup;

import io.keyswitch.platform.ValidationFailed;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Checks a certificate a person uploads for the portal's HTTPS, in PEM: the server certificate, the
 * chain (its intermediates; the root may be there or not) and the private key. Each failure is named in
 * plain words under the field it concerns ({@value #CERTIFICATE}, {@value #CHAIN}, {@value #KEY}):
 * the key matches the certificate, the DNS name is in the subject alternative names, every certificate
 * is valid now, each key is at least RSA 2048 or EC 256, and the chain links up. The chain may end at an
 * intermediate (what a CA hands out): it is then checked against the appliance's {@link CaCertificates},
 * and a CA the appliance does not know is a warning, not an error. The bundle never holds a self-signed
 * root unless the certificate itself is self-signed: servers do not send the root.
 */
public final class CertificateValidator {

    public static final String CERTIFICATE = "certificate";
    public static final String CHAIN = "chain";
    public static final String KEY = "privateKey";

    public static final int MIN_RSA_BITS = 2048;
    public static final int MIN_EC_BITS = 256;
    private static final int MAX_CHAIN = 8;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private CertificateValidator() {
    }

    /** {@link #validate(String, String, String, String, Instant, CaCertificates)} with the appliance's CA certificates. */
    public static CertificateBundle validate(String certificatePem, String chainPem, String keyPem, String dnsName, Instant now) {
        return validate(certificatePem, chainPem, keyPem, dnsName, now, CaCertificates.system());
    }

    /**
     * @param certificatePem the server certificate (further certificates after it count as chain)
     * @param chainPem intermediates (and the root, if the person has it), any order; may be blank
     * @param keyPem the unencrypted private key (PKCS#8, PKCS#1 or SEC1)
     * @param dnsName the name the appliance is reached by
     * @param known the CA certificates the appliance knows
     * @throws ValidationFailed naming every problem found
     */
    public static CertificateBundle validate(String certificatePem, String chainPem, String keyPem, String dnsName, Instant now,
                                             CaCertificates known) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<X509Certificate> given = certificates(certificatePem, CERTIFICATE, errors);
        List<X509Certificate> chain = new ArrayList<>();
        if (given.size() > 1) {
            chain.addAll(given.subList(1, given.size()));
        }
        if (chainPem != null && !chainPem.isBlank()) {
            chain.addAll(certificates(chainPem, CHAIN, errors));
        }
        PrivateKey key = privateKey(keyPem, errors);
        if (given.isEmpty()) {
            if (!errors.containsKey(CERTIFICATE)) {
                errors.put(CERTIFICATE, "Please paste the server certificate (PEM, starting with -----BEGIN CERTIFICATE-----).");
            }
            throw new ValidationFailed(errors);
        }
        X509Certificate leaf = given.get(0);

        String validity = validityProblem(leaf, now);
        if (validity != null) {
            errors.putIfAbsent(CERTIFICATE, "The certificate " + validity + ".");
        }
        String strength = strengthProblem(leaf.getPublicKey());
        if (strength != null) {
            errors.putIfAbsent(CERTIFICATE, strength);
        }
        String name = nameProblem(leaf, dnsName);
        if (name != null) {
            errors.putIfAbsent(CERTIFICATE, name);
        }
        if (!serverUsage(leaf)) {
            errors.putIfAbsent(CERTIFICATE, "The certificate is not meant for TLS servers (its extended key usage lacks serverAuth).");
        }
        if (key != null && !errors.containsKey(KEY) && !matches(key, leaf.getPublicKey())) {
            errors.put(KEY, "The private key does not belong to this certificate.");
        }

        List<X509Certificate> path = new ArrayList<>();
        String warning = null;
        if (!errors.containsKey(CHAIN)) {
            String chainProblem = buildPath(leaf, chain, now, path);
            if (chainProblem == null) {
                boolean trusted = trusted(path, chain, known, now);
                X509Certificate top = path.get(path.size() - 1);
                if (!trusted && !selfSigned(top) && !unused(chain, path).isEmpty()) {
                    chainProblem = "The chain is incomplete: the certificate of the issuer \"" + top.getIssuerX500Principal().getName()
                            + "\" is missing. Paste every intermediate certificate your CA gave you here.";
                } else if (!trusted) {
                    warning = untrustedWarning(leaf, top);
                }
            }
            if (chainProblem != null) {
                errors.put(CHAIN, chainProblem);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        if (path.size() > 1 && selfSigned(path.get(path.size() - 1))) {
            path.remove(path.size() - 1); // the root: clients have it or do not trust it, sending it helps neither
        }
        return new CertificateBundle(key, path, warning);
    }

    /** Whether this certificate is for {@code dnsName}: a DNS entry of its subject alternative names, wildcards for one label. */
    public static boolean coversName(X509Certificate certificate, String dnsName) {
        String wanted = dnsName.toLowerCase(Locale.ROOT);
        for (String san : dnsNames(certificate)) {
            String s = san.toLowerCase(Locale.ROOT);
            if (s.equals(wanted)) {
                return true;
            }
            if (s.startsWith("*.") && wanted.indexOf('.') > 0 && wanted.substring(wanted.indexOf('.')).equals(s.substring(1))) {
                return true;
            }
        }
        return false;
    }

    /** The DNS names among the subject alternative names. */
    public static List<String> dnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        names.add((String) san.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return names;
        }
        return names;
    }

    private static List<X509Certificate> certificates(String pem, String field, Map<String, String> errors) {
        List<X509Certificate> out = new ArrayList<>();
        if (pem == null || pem.isBlank()) {
            return out;
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    out.add(new JcaX509CertificateConverter().getCertificate(holder));
                } else {
                    errors.put(field, "Only certificates belong here (found " + describe(object) + ").");
                    return out;
                }
                if (out.size() > MAX_CHAIN) {
                    errors.put(field, "More than " + MAX_CHAIN + " certificates: this is not a certificate chain.");
                    return out;
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            errors.put(field, "This is not readable PEM (it should be blocks from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----).");
            return out;
        }
        if (out.isEmpty()) {
            errors.put(field, "No certificate found: PEM starts with -----BEGIN CERTIFICATE-----.");
        }
        return out;
    }

    private static String describe(Object object) {
        if (object instanceof PEMKeyPair || object instanceof PrivateKeyInfo || object instanceof PKCS8EncryptedPrivateKeyInfo
                || object instanceof PEMEncryptedKeyPair) {
            return "a private key, which goes in the key field";
        }
        return "something else: " + object.getClass().getSimpleName();
    }

    private static PrivateKey privateKey(String pem, Map<String, String> errors) {
        if (pem == null || pem.isBlank()) {
            errors.put(KEY, "Please paste the private key (PEM, starting with -----BEGIN PRIVATE KEY-----).");
            return null;
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                errors.put(KEY, "The private key is protected by a passphrase. Please paste it unprotected "
                        + "(e.g. openssl pkey -in key.pem -out plain-key.pem); the portal keeps it in its own key store.");
                return null;
            }
            errors.put(KEY, object == null
                    ? "No private key found: PEM starts with -----BEGIN PRIVATE KEY-----."
                    : "This is not a private key (found " + object.getClass().getSimpleName() + ").");
            return null;
        } catch (IOException | RuntimeException e) {
            errors.put(KEY, "This is not a readable PEM private key.");
            return null;
        }
    }

    private static String validityProblem(X509Certificate c, Instant now) {
        if (now.isBefore(c.getNotBefore().toInstant())) {
            return "is not valid yet (valid from " + DAY.format(c.getNotBefore().toInstant()) + ")";
        }
        if (now.isAfter(c.getNotAfter().toInstant())) {
            return "has expired (valid until " + DAY.format(c.getNotAfter().toInstant()) + ")";
        }
        return null;
    }

    /** Null if strong enough, else the sentence that says why not. */
    static String strengthProblem(PublicKey key) {
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits >= MIN_RSA_BITS ? null : "The key is too weak: RSA with " + bits
                    + " bits. Use at least RSA " + MIN_RSA_BITS + " or EC " + MIN_EC_BITS + ".";
        }
        if (key instanceof ECKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits >= MIN_EC_BITS ? null : "The key is too weak: EC with " + bits
                    + " bits. Use at least EC " + MIN_EC_BITS + " (P-256) or RSA " + MIN_RSA_BITS + ".";
        }
        return "The key type " + key.getAlgorithm() + " is not supported: use RSA (at least " + MIN_RSA_BITS
                + " bits) or EC (P-256 or larger).";
    }

    private static String nameProblem(X509Certificate leaf, String dnsName) {
        if (dnsName == null || dnsName.isBlank()) {
            return "Set the DNS name first: the certificate must be for it.";
        }
        if (coversName(leaf, dnsName)) {
            return null;
        }
        List<String> names = dnsNames(leaf);
        return names.isEmpty()
                ? "The certificate names no DNS name (no subject alternative names); it must name " + dnsName + "."
                : "The certificate is for " + String.join(", ", names) + ", not for " + dnsName + " (the DNS name of the appliance).";
    }

    private static boolean serverUsage(X509Certificate leaf) {
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            return eku == null || eku.contains("1.3.6.1.5.5.7.3.1") || eku.contains("2.5.29.37.0");
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())
                && !("EC".equals(key.getAlgorithm()) && "ECDSA".equals(publicKey.getAlgorithm()))
                && !("ECDSA".equals(key.getAlgorithm()) && "EC".equals(publicKey.getAlgorithm()))) {
            return false;
        }
        String algorithm = publicKey instanceof RSAKey ? "SHA256withRSA" : "SHA256withECDSA";
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Fills {@code path} from the leaf up through the pasted certificates, to a self-signed root or to the
     * last certificate whose issuer was not pasted; null, or the problem in plain words.
     */
    private static String buildPath(X509Certificate leaf, List<X509Certificate> pool, Instant now, List<X509Certificate> path) {
        X509Certificate current = leaf;
        path.add(leaf);
        while (!selfSigned(current)) {
            X509Certificate issuer = null;
            for (X509Certificate candidate : pool) {
                if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal()) && signedBy(current, candidate)) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null) {
                return null; // the rest of the way is the trust check's
            }
            if (path.contains(issuer) || path.size() > MAX_CHAIN) {
                return "The chain goes in a circle; it does not end at a root certificate.";
            }
            String validity = validityProblem(issuer, now);
            if (validity != null) {
                return "The chain certificate \"" + issuer.getSubjectX500Principal().getName() + "\" " + validity + ".";
            }
            if (issuer.getBasicConstraints() < 0) {
                return "The certificate \"" + issuer.getSubjectX500Principal().getName() + "\" is not a CA certificate, so it cannot issue others.";
            }
            String strength = strengthProblem(issuer.getPublicKey());
            if (strength != null) {
                return "The chain certificate \"" + issuer.getSubjectX500Principal().getName() + "\": " + strength;
            }
            path.add(issuer);
            current = issuer;
        }
        return null;
    }

    /**
     * Whether a CA the appliance knows vouches for the leaf: PKIX path building (the JDK's) from the leaf
     * through the pasted certificates to one of {@code known}, as of {@code now}, without revocation checks
     * (the appliance may not reach the CA's revocation lists).
     */
    private static boolean trusted(List<X509Certificate> path, List<X509Certificate> pool, CaCertificates known, Instant now) {
        if (known.anchors().isEmpty()) {
            return false;
        }
        if (known.contains(path.get(path.size() - 1))) {
            return true; // a known root pasted along; PKIX wants anchors outside the path
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(path.get(0));
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(known.anchors(), target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            List<X509Certificate> store = new ArrayList<>(pool);
            store.add(path.get(0));
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
            CertPathBuilder.getInstance("PKIX").build(parameters);
            return true;
        } catch (CertPathBuilderException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX path building is not available: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> unused(List<X509Certificate> pool, List<X509Certificate> path) {
        return pool.stream().filter(c -> !path.contains(c)).toList();
    }

    private static String untrustedWarning(X509Certificate leaf, X509Certificate top) {
        if (top == leaf && selfSigned(leaf)) {
            return "The certificate is self-signed: browsers warn about it unless it is installed on every computer that "
                    + "opens the portal.";
        }
        String ca = selfSigned(top) ? top.getSubjectX500Principal().getName() : top.getIssuerX500Principal().getName();
        return "The certificate is accepted, but it was issued by a CA this appliance does not know (\"" + ca
                + "\"): browsers that do not know it either will warn. If your CA gave you more intermediate certificates, "
                + "paste them too.";
    }

    private static boolean selfSigned(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && signedBy(c, c);
    }

    private static boolean signedBy(X509Certificate c, X509Certificate issuer) {
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** A date as the pages show it. */
    public static String format(Date date) {
        return DAY.format(date.toInstant());
    }
}
