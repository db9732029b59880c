package io.keyswitch.vpn.internal;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.Changes;
import io.keyswitch.audit.Outcome;
import io.keyswitch.vpn.VpnClient;
import io.keyswitch.vpn.VpnRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * A technician's profile lives only as long as its user holds the right device:connect: checked with the VPN's
 * supervision, a profile whose user lost the right (or was deleted) is revoked, put on the CRL and its session ended,
 * audited as the system's {@code vpn.technician-revoke}.
 */
@ApplicationScoped
public class WithdrawnRights {

    private static final Logger LOG = Logger.getLogger(WithdrawnRights.class.getName());
    static final String REASON = "the right device:connect was withdrawn";

    @Inject
    ClientStore store;

    @Inject
    CredentialIssuer issuer;

    /** Revokes the profiles of technicians without the right; returns how many users lost theirs. */
    public int revoke(VpnRuntime runtime) {
        int revoked = 0;
        for (ClientStore.TechnicianWithoutRight t : store.techniciansWithoutRight()) {
            long accountId = t.accountId();
            long userId = t.userId();
            String cn = VpnClient.technicianCommonName(userId);
            issuer.revoke(cn, accountId, REASON, n -> AuditEntry.of(AuditAction.VPN_TECHNICIAN_REVOKE, Outcome.SUCCESS)
                    .in(accountId).bySystem().on("user:" + userId)
                    .withDetails(Changes.of().field("revokedCertificates", null, n).toJson()).because(REASON));
            runtime.writeCrl(accountId);
            runtime.disconnect(accountId, cn);
            revoked++;
            LOG.info(() -> "Technician profile of user " + userId + " revoked: " + REASON);
        }
        return revoked;
    }
}
