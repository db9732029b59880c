package io.keyswitch.vpn.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM text for certificates, CRLs and (for inline client profiles only) unencrypted PKCS#8 keys. */
public final class Pem {

    private Pem() {
    }

    /** Any of: X509Certificate, X509CRL. */
    public static String encode(Object object) {
        if (object instanceof PrivateKey) {
            throw new IllegalArgumentException("use unencryptedKey() or EncryptedKeyCodec for keys");
        }
        return write(object);
    }

    /**
     * The key as unencrypted PKCS#8 PEM, for an inline {@code <key>} in a profile a person downloads once or the
     * key file an OpenVPN server reads at start. Never store or log this text.
     */
    public static String unencryptedKey(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null));
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new PkiException("could not encode a key", e);
        }
    }

    public static X509Certificate certificate(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (!(object instanceof X509CertificateHolder holder)) {
                throw new PkiException("not a PEM certificate", null);
            }
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException("could not read a PEM certificate", e);
        }
    }

    private static String write(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new PkiException("could not write PEM", e);
        }
        return text.toString();
    }
}
