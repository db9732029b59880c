package io.keyswitch.vpn.internal;

import io.keyswitch.vpn.pki.CertificateAuthority;
import io.keyswitch.vpn.pki.EncryptedKeyCodec;
import io.keyswitch.vpn.pki.IssuedCredential;
import io.keyswitch.vpn.pki.Pem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The appliance's one VPN CA over its lifetime: made at the first start (ECDSA P-256, 20 years) and stored with its key
 * encrypted under the key-encryption secret, loaded at every later start; it issues the instances' server and the
 * clients' certificates and signs the accounts' CRLs.
 */
@ApplicationScoped
public class ApplianceCa {

    private static final Logger LOG = Logger.getLogger(ApplianceCa.class.getName());
    private static final Duration CA_VALIDITY = Duration.ofDays(20 * 366);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(10 * 366);
    private static final Duration CLIENT_VALIDITY = Duration.ofDays(10 * 366);
    private static final Duration CRL_VALIDITY = Duration.ofDays(30);

    @Inject
    CaStore store;

    @Inject
    Clock clock;

    private volatile CertificateAuthority ca;

    /** Loads the stored CA, or makes and stores it at the first start (another start may have stored one first). */
    public void loadOrCreate(VpnSecrets secrets) {
        EncryptedKeyCodec codec = new EncryptedKeyCodec(secrets.keyEncryptionSecret());
        Optional<CaStore.StoredCa> stored = store.ca();
        if (stored.isEmpty()) {
            CertificateAuthority made = CertificateAuthority.create("Keyswitch CA", CA_VALIDITY, clock);
            stored = Optional.of(store.store(new CaStore.StoredCa(Pem.encode(made.certificate()), codec.encrypt(made.privateKey()))));
            LOG.info("VPN: appliance CA made at the first start (ECDSA P-256, valid 20 years)");
        }
        ca = CertificateAuthority.load(Pem.certificate(stored.get().certificatePem()), codec.decrypt(stored.get().encryptedKey()),
                clock);
    }

    /** Whether the CA is loaded (the VPN's keys were usable at the start). */
    public boolean loaded() {
        return ca != null;
    }

    public String certificatePem() {
        return Pem.encode(ca.certificate());
    }

    /** A server certificate for an instance (10 years). */
    public IssuedCredential issueServer(String commonName) {
        return ca.issueServer(commonName, SERVER_VALIDITY);
    }

    /** A device's or technician's certificate (10 years). */
    public IssuedCredential issueClient(String commonName) {
        return ca.issueClient(commonName, CLIENT_VALIDITY);
    }

    /** The account's CRL, signed now (valid 30 days). */
    public String crlPem(InstanceStore.CrlInput input) {
        return Pem.encode(ca.crl(input.revoked(), BigInteger.valueOf(input.number()), CRL_VALIDITY));
    }
}
