package io.keyswitch.vpn.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.SecureRandom;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Private keys at rest: encrypted PKCS#8 PEM ({@code ENCRYPTED PRIVATE KEY}, PBES2 with PBKDF2-HMAC-SHA256 and
 * AES-256-CBC) under the appliance's key-encryption secret. A wrong secret fails with {@link PkiException}.
 */
public final class EncryptedKeyCodec {

    static final int ITERATIONS = 210_000;
    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    private final char[] secret;

    /** @param secret the key-encryption secret (from the appliance's protected config, never from the database) */
    public EncryptedKeyCodec(char[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("key-encryption secret must have at least 16 characters");
        }
        this.secret = secret.clone();
    }

    public String encrypt(PrivateKey key) {
        try {
            OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                    .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                    .setIterationCount(ITERATIONS)
                    .setRandom(new SecureRandom())
                    .setProvider(PROVIDER)
                    .setPassword(secret)
                    .build();
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(new JcaPKCS8Generator(key, encryptor));
            }
            return text.toString();
        } catch (OperatorCreationException | IOException e) {
            throw new PkiException("could not encrypt a key", e);
        }
    }

    public PrivateKey decrypt(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (!(object instanceof PKCS8EncryptedPrivateKeyInfo encrypted)) {
                throw new PkiException("not an encrypted PKCS#8 key", null);
            }
            InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(PROVIDER).build(secret);
            PrivateKeyInfo info = encrypted.decryptPrivateKeyInfo(decryptor);
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException | OperatorCreationException | PKCSException e) {
            throw new PkiException("could not decrypt a key (wrong secret or damaged)", e);
        }
    }
}
