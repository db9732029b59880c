package io.keyswitch.vpn.internal;

import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.vpn.auth.DeviceSecretHasher;
import io.keyswitch.vpn.pki.IssuedCredential;
import io.keyswitch.vpn.VpnClient;
import io.keyswitch.vpn.VpnCredentialsChanged;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.function.Function;

/**
 * Issues and revokes VPN credentials in one transaction each: the identity (made on first use), the old credentials
 * revoked, the new one stored (serial and secret hash only) and the audit event, or nothing at all. The CRL file and
 * the kill of a live session follow after the commit, in {@link io.keyswitch.vpn.VpnService}. Both fire
 * {@link VpnCredentialsChanged} inside the transaction.
 */
@ApplicationScoped
@Transactional
public class CredentialIssuer {

    @Inject
    ClientStore store;

    @Inject
    AuditTrail auditTrail;

    @Inject
    Event<VpnCredentialsChanged> changed;

    /** What was issued: the identity, the certificate with its key, and how many older credentials were revoked. */
    public record Issued(VpnClient client, IssuedCredential credential, int revoked) {
        @Override
        public String toString() {
            return "Issued[" + client.getCommonName() + ", key ***]";
        }
    }

    public Issued issue(long accountId, VpnClient.Kind kind, Long deviceId, Long userId, int maxHost,
                        Function<String, IssuedCredential> certificate, String secret, DeviceSecretHasher hasher,
                        String revokeReason, Function<Issued, AuditEntry> audit) {
        VpnClient client = store.ensureClient(accountId, kind, deviceId, userId, maxHost);
        int revoked = store.revokeAll(client.getId(), revokeReason);
        IssuedCredential credential = certificate.apply(client.getCommonName());
        store.addCredential(client, credential.certificate().getSerialNumber(), secret == null ? null : hasher.hash(secret));
        Issued issued = new Issued(client, credential, revoked);
        auditTrail.record(audit.apply(issued));
        changed.fire(new VpnCredentialsChanged(accountId, client.getCommonName()));
        return issued;
    }

    /** Revokes the identity's credentials and audits it; empty when it has no identity yet. */
    public Optional<VpnClient> revoke(String commonName, long accountId, String reason, Function<Integer, AuditEntry> audit) {
        Optional<VpnClient> client = store.clientByCommonName(commonName).filter(c -> c.getAccountId() == accountId);
        client.ifPresent(c -> {
            auditTrail.record(audit.apply(store.revokeAll(c.getId(), reason)));
            changed.fire(new VpnCredentialsChanged(accountId, commonName));
        });
        return client;
    }
}
