package io.keyswitch.vpn.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The appliance CA")
class CertificateAuthorityTest {

    private static final char[] SECRET = "key-encryption-secret-for-tests".toCharArray();
    private static CertificateAuthority ca;

    @BeforeAll
    static void createCa() {
        ca = CertificateAuthority.create("Keyswitch CA", Duration.ofDays(3650), Clock.systemUTC());
    }

    @Test
    @DisplayName("is a self-signed P-256 CA signed with SHA256withECDSA")
    void isP256Ca() throws Exception {
        // Arrange
        X509Certificate certificate = ca.certificate();

        // Act
        certificate.verify(certificate.getPublicKey());

        // Assert
        assertEquals("SHA256withECDSA", certificate.getSigAlgName());
        assertEquals(256, ((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertEquals(0, certificate.getBasicConstraints());
        assertEquals("CN=Keyswitch CA", certificate.getSubjectX500Principal().getName());
    }

    @Test
    @DisplayName("issues server and client certificates whose chain validates against the CA")
    void issuedChainsValidate() throws Exception {
        // Arrange
        IssuedCredential server = ca.issueServer("acme-vpn", Duration.ofDays(825));
        IssuedCredential device = ca.issueClient("device-42", Duration.ofDays(825));

        // Act
        validate(server.certificate(), null);
        validate(device.certificate(), null);

        // Assert
        assertEquals("CN=device-42", device.certificate().getSubjectX500Principal().getName());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.certificate().getExtendedKeyUsage());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), device.certificate().getExtendedKeyUsage());
        assertEquals(-1, device.certificate().getBasicConstraints());
        assertTrue(signs(device), "the issued key belongs to the certificate");
        assertFalse(device.certificate().getSerialNumber().equals(server.certificate().getSerialNumber()));
    }

    @Test
    @DisplayName("lists a revoked serial on a CRL signed by the CA, and validation then fails")
    void crlRevokes() throws Exception {
        // Arrange
        IssuedCredential revoked = ca.issueClient("device-revoked", Duration.ofDays(30));
        IssuedCredential kept = ca.issueClient("device-kept", Duration.ofDays(30));

        // Act
        X509CRL crl = ca.crl(List.of(new RevokedCertificate(revoked.certificate().getSerialNumber(), Instant.now())),
                BigInteger.ONE, Duration.ofDays(7));

        // Assert
        crl.verify(ca.certificate().getPublicKey());
        assertNotNull(crl.getRevokedCertificate(revoked.certificate().getSerialNumber()));
        assertNull(crl.getRevokedCertificate(kept.certificate().getSerialNumber()));
        assertThrows(CertPathValidatorException.class, () -> validate(revoked.certificate(), crl));
        validate(kept.certificate(), crl);
        assertTrue(Pem.encode(crl).startsWith("-----BEGIN X509 CRL-----"));
    }

    @Test
    @DisplayName("refuses a common name that could break a config line")
    void refusesBadCommonName() {
        assertThrows(IllegalArgumentException.class, () -> ca.issueClient("dev\nice", Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> ca.issueClient("a b", Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> ca.issueClient("", Duration.ofDays(1)));
    }

    @Test
    @DisplayName("stores a key encrypted (PKCS#8) that round-trips with the right secret and fails with a wrong one")
    void encryptedKeyRoundTrips() {
        // Arrange
        IssuedCredential device = ca.issueClient("device-7", Duration.ofDays(30));
        EncryptedKeyCodec codec = new EncryptedKeyCodec(SECRET);

        // Act
        String stored = codec.encrypt(device.privateKey());

        // Assert
        assertTrue(stored.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"), stored);
        assertArrayEquals(device.privateKey().getEncoded(), codec.decrypt(stored).getEncoded());
        EncryptedKeyCodec wrong = new EncryptedKeyCodec("another-secret-of-enough-length".toCharArray());
        assertThrows(PkiException.class, () -> wrong.decrypt(stored));
    }

    @Test
    @DisplayName("loads back from PEM and a decrypted key, and goes on issuing")
    void loadsStoredCa() throws Exception {
        // Arrange
        EncryptedKeyCodec codec = new EncryptedKeyCodec(SECRET);
        String certificatePem = Pem.encode(ca.certificate());
        String keyPem = codec.encrypt(ca.privateKey());

        // Act
        CertificateAuthority loaded = CertificateAuthority.load(Pem.certificate(certificatePem), codec.decrypt(keyPem),
                Clock.systemUTC());
        IssuedCredential issued = loaded.issueClient("after-restart", Duration.ofDays(1));

        // Assert
        validate(issued.certificate(), null);
    }

    @Test
    @DisplayName("never prints a private key")
    void printsNoKey() {
        IssuedCredential device = ca.issueClient("device-8", Duration.ofDays(1));
        String printed = device.toString();
        assertTrue(printed.contains("key ***"), printed);
        assertThrows(IllegalArgumentException.class, () -> Pem.encode(device.privateKey()));
        assertTrue(Pem.unencryptedKey(device.privateKey()).startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    @DisplayName("makes tls-crypt keys in OpenVPN's static key V1 format, 2048 random bits")
    void tlsCryptKeyFormat() {
        // Arrange
        SecureRandom random = new SecureRandom();

        // Act
        String text = TlsCryptKey.generate(random);

        // Assert
        List<String> lines = text.lines().toList();
        assertEquals("-----BEGIN OpenVPN Static key V1-----", lines.get(3));
        assertEquals("-----END OpenVPN Static key V1-----", lines.get(20));
        lines.subList(4, 20).forEach(line -> assertTrue(line.matches("[0-9a-f]{32}"), line));
        assertEquals(256, TlsCryptKey.parse(text).length);
        assertFalse(text.equals(TlsCryptKey.generate(random)));
    }

    private static void validate(X509Certificate certificate, X509CRL crl) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        parameters.setRevocationEnabled(crl != null);
        if (crl != null) {
            parameters.addCertStore(java.security.cert.CertStore.getInstance("Collection",
                    new java.security.cert.CollectionCertStoreParameters(List.of(crl))));
        }
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(certificate)), parameters);
    }

    private static boolean signs(IssuedCredential credential) throws Exception {
        byte[] data = "proof".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(credential.privateKey());
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        try {
            verifier.initVerify(credential.certificate().getPublicKey());
        } catch (InvalidKeyException e) {
            return false;
        }
        verifier.update(data);
        return verifier.verify(signature);
    }
}
