package io.keyswitch.vpn.internal;

import io.keyswitch.account.AccountStatus;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.Outcome;
import io.keyswitch.datapoint.DeviceCredentials;
import io.keyswitch.device.Device;
import io.keyswitch.device.DeviceStatus;
import io.keyswitch.jail.Ban;
import io.keyswitch.vpn.VpnClient;
import io.keyswitch.vpn.VpnCredential;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * The device reports' {@link DeviceCredentials}, checked as {@link PortalClientAuthenticator} checks a device's VPN
 * login: the identity is the device's certificate CN, the secret must match the keyed hash of one of its unrevoked
 * credentials ({@link PortalClientAuthenticator#secretMatches}), failures count against the address and
 * {@link PortalClientAuthenticator#jailName} in the same login jail, through the authenticator's own jail steps, and the device and its account must be enabled.
 * A device that {@link UsableDeviceView} holds is accepted from memory; otherwise (and for every wrong secret) one query
 * finds the identity with its credentials, device and account. Refusals of a known device are audited
 * ({@code device.report-refused}) by the VPN's writer thread, so a storm of wrong reports never waits for the audit
 * chain's lock; refusals of identities that do not exist are only counted in the jail.
 */
@ApplicationScoped
public class HashedDeviceCredentials implements DeviceCredentials {

    @Inject
    PortalClientAuthenticator authenticator;

    @Inject
    VpnWriter writer;

    @Inject
    UsableDeviceView view;

    @Inject
    LiveStatusStore statusStore;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Override
    public Verdict check(String identity, String secret, String address) {
        String jailName = PortalClientAuthenticator.jailName(identity);
        Optional<Ban> ban = authenticator.activeBan(address, jailName);
        if (ban.isPresent()) {
            return new Jailed(ban.get().until());
        }
        Optional<UsableDevices.Entry> usable = view.find(identity);
        if (usable.isPresent()) {
            UsableDevices.Entry d = usable.get();
            if (d.secretHashes().values().stream().anyMatch(hash -> authenticator.secretMatches(secret, hash))) {
                authenticator.recordSuccess(address, jailName);
                return new Accepted(d.accountId(), d.deviceId(), d.tunnelMode());
            }
            // not one of its current secrets: the database names the refusal (an older secret, a device disabled since)
        }
        List<Object[]> rows = em.createQuery("SELECT c, cr, d, a.status FROM VpnClient c, VpnCredential cr, Device d, Account a"
                        + " WHERE c.commonName = :cn AND c.kind = :kind AND cr.clientId = c.id AND cr.revokedAt IS NULL"
                        + " AND d.id = c.deviceId AND a.id = c.accountId", Object[].class)
                .setParameter("cn", identity).setParameter("kind", VpnClient.Kind.DEVICE).getResultList();
        Optional<Object[]> match = rows.stream().filter(r -> authenticator.secretMatches(secret, (VpnCredential) r[1]))
                .findFirst();
        if (match.isEmpty()) {
            authenticator.recordFailure(address, jailName);
            if (!rows.isEmpty()) {
                audit((Device) rows.get(0)[2], identity, address, Outcome.FAILURE, "wrong device secret");
            }
            return new Wrong();
        }
        Device device = (Device) match.get()[2];
        if (device.getStatus() != DeviceStatus.ACTIVE) {
            audit(device, identity, address, Outcome.DENIED, "device disabled");
            return new Refused("This device is disabled.");
        }
        if (match.get()[3] != AccountStatus.ACTIVE) {
            audit(device, identity, address, Outcome.DENIED, "account disabled");
            return new Refused("This device's account is disabled.");
        }
        authenticator.recordSuccess(address, jailName);
        return new Accepted(device.getAccountId(), device.getId(), device.getTunnelMode());
    }

    private void audit(Device device, String identity, String address, Outcome outcome, String reason) {
        AuditEntry refusal = AuditEntry.of(AuditAction.DEVICE_REPORT_REFUSED, outcome).in(device.getAccountId())
                .by("device-report:" + identity, null).from(address).on("device:" + device.getId()).because(reason);
        writer.submit(() -> statusStore.record(refusal));
    }
}
