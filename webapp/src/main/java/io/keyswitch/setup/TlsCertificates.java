package io.keyswitch.setup;

import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The certificate the portal serves over HTTPS: the PKCS12 key store {@value #KEY_KEYSTORE} (else
 * {@code javax.net.ssl.keyStore}; alias {@value #ALIAS}, password {@code javax.net.ssl.keyStorePassword}), which the appliance's first
 * boot fills with a self-signed certificate. {@link #replace} writes a checked {@link CertificateBundle}
 * there (atomically, mode 0600), audits it and has the {@link HttpsListener} take it a second later,
 * outside of the request that asked for it.
 */
@ApplicationScoped
public class TlsCertificates {

    public static final String ALIAS = "keyswitch";
    /** The original key store file (PKCS12, password {@code javax.net.ssl.keyStorePassword}). */
    public static final String KEY_KEYSTORE = "keyswitch.tls.keystore";
    /** How long the listener reload waits, so that the answer to the request that asked for it gets out first. */
    static final long RELOAD_DELAY_MS = 1500;

    private static final Logger LOG = Logger.getLogger(TlsCertificates.class.getName());

    @Inject
    AuditTrail audit;

    @Inject
    HttpsListener listener;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** What the pages show of a certificate (with bean getters: Jakarta EL 5 does not read record components). */
    public record Served(String subject, List<String> dnsNames, String issuer, String validFrom, String validUntil,
                         String sha256, boolean selfSigned, int chainLength) implements java.io.Serializable {

        public String getSubject() {
            return subject;
        }

        public String getDnsNames() {
            return String.join(", ", dnsNames);
        }

        public String getIssuer() {
            return issuer;
        }

        public String getValidFrom() {
            return validFrom;
        }

        public String getValidUntil() {
            return validUntil;
        }

        public String getSha256() {
            return sha256;
        }

        public boolean isSelfSigned() {
            return selfSigned;
        }
    }

    @PostConstruct
    void init() {
        LOG.info(() -> "TLS certificate: " + keystore().map(k -> "key store " + k).orElse("no key store (javax.net.ssl.keyStore unset)")
                + "; " + listener.describe() + "; uploaded certificates are checked against " + CaCertificates.system().describe() + ".");
    }

    /** The certificate in the key store now, if there is a key store. */
    public Optional<Served> current() {
        return chain().map(chain -> describe((X509Certificate) chain[0], chain.length));
    }

    /** The certificate the HTTPS listener serves (the key store's), if there is one: for its exact validity. */
    public Optional<X509Certificate> currentCertificate() {
        return chain().map(chain -> (X509Certificate) chain[0]);
    }

    private Optional<Certificate[]> chain() {
        return keystore().filter(Files::isRegularFile).map(file -> {
            try (InputStream in = Files.newInputStream(file)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(in, password());
                Certificate[] chain = ks.getCertificateChain(ALIAS);
                return chain == null || chain.length == 0 ? null : chain;
            } catch (IOException | GeneralSecurityException e) {
                LOG.warning(() -> "Cannot read the key store " + file + ": " + e.getMessage());
                return null;
            }
        });
    }

    /** Whether a new certificate can be stored here at all. */
    public boolean available() {
        return keystore().isPresent() && password().length > 0;
    }

    /**
     * Makes {@code bundle} the portal's certificate: key store written, change audited
     * ({@code settings.tls-certificate}), HTTPS listener reloaded about a second later.
     */
    public Served replace(Actor actor, CertificateBundle bundle, String reason) {
        actor.require(Rights.ACCOUNT_MANAGE);
        String why = Actor.requireReason(reason);
        Path file = keystore().orElseThrow(() -> new IllegalStateException("javax.net.ssl.keyStore is not set"));
        Optional<Served> before = current();
        write(file, bundle);
        Served after = describe(bundle.certificate(), bundle.chain().size());
        audit.record(AuditEntry.change(actor, io.keyswitch.audit.AuditAction.SETTINGS_TLS_CERTIFICATE, "https", Changes.of()
                .field("certificate", before.map(TlsCertificates::summary).orElse(null), summary(after)), why));
        scheduler.schedule(() -> {
            try {
                listener.reload(file);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "The HTTPS listener did not take the new certificate; it is used from the next start", e);
            }
        }, RELOAD_DELAY_MS, TimeUnit.MILLISECONDS);
        return after;
    }

    /** What the pages and the audit trail show of a certificate. */
    public static Served describe(X509Certificate c, int chainLength) {
        String sha256;
        try {
            sha256 = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (GeneralSecurityException e) {
            sha256 = "?";
        }
        return new Served(c.getSubjectX500Principal().getName(), CertificateValidator.dnsNames(c),
                c.getIssuerX500Principal().getName(), CertificateValidator.format(c.getNotBefore()),
                CertificateValidator.format(c.getNotAfter()), sha256,
                c.getSubjectX500Principal().equals(c.getIssuerX500Principal()), chainLength);
    }

    private static String summary(Served s) {
        return s.subject() + " " + s.dnsNames() + " issued by " + s.issuer() + " until " + s.validUntil() + " SHA-256 " + s.sha256();
    }

    private void write(Path file, CertificateBundle bundle) {
        char[] password = password();
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, bundle.key(), password, bundle.chain().toArray(new Certificate[0]));
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the key store " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make the key store: " + e.getMessage(), e);
        }
    }

    /**
     * The key store file the portal's certificate lives in: {@value #KEY_KEYSTORE} (the appliance and the
     * launcher set it to the file they made), else {@code javax.net.ssl.keyStore}. Payara Micro points
     * {@code javax.net.ssl.keyStore} at a copy in its runtime folder, which it makes again from the
     * original at every start (measured): a certificate written only to the copy is gone after a restart.
     */
    private static Optional<Path> keystore() {
        String path = SettingsReader.portal().text(KEY_KEYSTORE, System.getProperty("javax.net.ssl.keyStore"));
        return path == null || path.isBlank() ? Optional.empty() : Optional.of(Path.of(path));
    }

    private static char[] password() {
        String p = System.getProperty("javax.net.ssl.keyStorePassword");
        return p == null ? new char[0] : p.toCharArray();
    }
}
