package io.keyswitch.vpn.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The appliance's CA (ECDSA P-256, SHA256withECDSA), made with BouncyCastle: issues one server certificate per
 * OpenVPN instance and client certificates whose CN is a device's or technician's identity, and signs the CRL that
 * OpenVPN reads with {@code crl-verify}. Serial numbers are 127-bit random, so they never repeat.
 */
public final class CertificateAuthority {

    public static final String SIGNATURE = "SHA256withECDSA";
    /** A CN that cannot break a config file, a log line or the management protocol. */
    private static final Pattern COMMON_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@\\-]{0,63}");
    /** The CA's own name may have blanks ("Keyswitch CA"); it never goes into a config line. */
    private static final Pattern CA_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._\\-]{0,63}");

    private final IssuedCredential ca;
    private final Clock clock;
    private final SecureRandom random;

    private CertificateAuthority(IssuedCredential ca, Clock clock, SecureRandom random) {
        this.ca = ca;
        this.clock = clock;
        this.random = random;
    }

    /** Makes a new self-signed CA, valid for {@code validity} (e.g. 20 years for an appliance). */
    public static CertificateAuthority create(String commonName, Duration validity, Clock clock) {
        SecureRandom random = new SecureRandom();
        KeyPair keys = newKeyPair(random);
        X500Name subject = name(commonName, CA_NAME);
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(random),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = convert(builder.build(signer(keys.getPrivate())));
            return new CertificateAuthority(new IssuedCredential(certificate, keys.getPrivate()), clock, random);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new PkiException("could not create the CA", e);
        }
    }

    /** The CA as stored (certificate and decrypted key), e.g. loaded at start-up with {@link EncryptedKeyCodec}. */
    public static CertificateAuthority load(X509Certificate certificate, PrivateKey key, Clock clock) {
        return new CertificateAuthority(new IssuedCredential(certificate, key), clock, new SecureRandom());
    }

    public X509Certificate certificate() {
        return ca.certificate();
    }

    /** The CA's key, only to store it encrypted ({@link EncryptedKeyCodec}). */
    public PrivateKey privateKey() {
        return ca.privateKey();
    }

    /** A TLS server certificate for one OpenVPN instance. */
    public IssuedCredential issueServer(String commonName, Duration validity) {
        return issue(commonName, validity, KeyPurposeId.id_kp_serverAuth, KeyUsage.digitalSignature | KeyUsage.keyAgreement);
    }

    /** A TLS client certificate; the CN is the device's or technician's identity. */
    public IssuedCredential issueClient(String commonName, Duration validity) {
        return issue(commonName, validity, KeyPurposeId.id_kp_clientAuth, KeyUsage.digitalSignature | KeyUsage.keyAgreement);
    }

    /** A CRL listing {@code revoked}, valid until {@code nextUpdate} from now; {@code number} must increase. */
    public X509CRL crl(Collection<RevokedCertificate> revoked, BigInteger number, Duration nextUpdate) {
        Instant now = clock.instant();
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(
                    ca.certificate().getSubjectX500Principal().getEncoded()), Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(nextUpdate)));
            for (RevokedCertificate entry : revoked) {
                builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), CRLReason.cessationOfOperation);
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
            X509CRLHolder holder = builder.build(signer(ca.privateKey()));
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new PkiException("could not sign the CRL", e);
        }
    }

    private IssuedCredential issue(String commonName, Duration validity, KeyPurposeId purpose, int usage) {
        KeyPair keys = newKeyPair(random);
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(random),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)),
                    new X500Principal(name(commonName, COMMON_NAME).getEncoded()), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca.certificate()));
            return new IssuedCredential(convert(builder.build(signer(ca.privateKey()))), keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new PkiException("could not issue a certificate", e);
        }
    }

    private static X500Name name(String commonName, Pattern rule) {
        if (commonName == null || !rule.matcher(commonName).matches()) {
            throw new IllegalArgumentException("common name must match " + rule.pattern());
        }
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static KeyPair newKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException("no P-256 key generator", e);
        }
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).setBit(126);
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(SIGNATURE).build(key);
    }

    private static X509Certificate convert(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }
}
