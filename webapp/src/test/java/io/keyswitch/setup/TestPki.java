package io.keyswitch.setup;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made for tests with BouncyCastle: a root, an intermediate, server certificates, in PEM. */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestPki() {
    }

    /** A key pair and its certificate. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
        public String pem() {
            return TestPki.pem(certificate);
        }

        public String keyPem() {
            return TestPki.keyPem(keys.getPrivate());
        }
    }

    public static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Issued root(String cn, Instant now) {
        KeyPair keys = ec();
        return new Issued(keys, build(new X500Name("CN=" + cn), keys, new X500Name("CN=" + cn), keys.getPrivate(),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), true, List.of()));
    }

    public static Issued intermediate(String cn, Issued issuer, Instant now) {
        return intermediate(cn, issuer, now, ec());
    }

    public static Issued intermediate(String cn, Issued issuer, Instant now, KeyPair keys) {
        return new Issued(keys, build(new X500Name("CN=" + cn), keys, subject(issuer), issuer.keys().getPrivate(),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1825)), true, List.of()));
    }

    public static Issued server(KeyPair keys, Issued issuer, List<String> dnsNames, Instant from, Instant until) {
        X500Name subject = new X500Name("CN=" + dnsNames.get(0));
        return new Issued(keys, build(subject, keys, issuer == null ? subject : subject(issuer),
                issuer == null ? keys.getPrivate() : issuer.keys().getPrivate(), from, until, false, dnsNames));
    }

    public static Issued server(Issued issuer, String dnsName, Instant now) {
        return server(ec(), issuer, List.of(dnsName), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)));
    }

    private static X500Name subject(Issued issued) {
        return X500Name.getInstance(issued.certificate().getSubjectX500Principal().getEncoded());
    }

    private static X509Certificate build(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey signer,
                                         Instant from, Instant until, boolean ca, List<String> dnsNames) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(from), Date.from(until), subject, keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (!dnsNames.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(dnsNames.stream()
                        .map(n -> new GeneralName(n.matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName, n))
                        .toArray(GeneralName[]::new)));
            }
            String algorithm = "RSA".equals(signer.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(algorithm).build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(X509Certificate... certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (X509Certificate c : certificates) {
                w.writeObject(c);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    public static String keyPem(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
