package io.keyswitch.vpn.internal;

import io.keyswitch.vpn.VpnClient;
import io.keyswitch.vpn.VpnRuntime;
import io.keyswitch.device.DeviceRemoved;
import io.keyswitch.user.UserDisabled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * What the VPN does when the rest of the portal changes: a deleted device's certificates are revoked in the deleting
 * transaction, then (after the commit) put on the CRL and its session ended; a disabled device's session ends; a
 * disabled user's technician session is
 * ended at once (the next login is refused by the login service anyway); a disabled account's instance is stopped
 * with its sessions, an enabled one's started, a changed pool routed ({@link VpnRuntime#supervise()}).
 */
@ApplicationScoped
public class AccountChanges {

    @Inject
    ClientStore store;

    @Inject
    VpnRuntime runtime;

    void revokeDeleted(@Observes DeviceRemoved event) {
        store.clientByCommonName(VpnClient.deviceCommonName(event.deviceId()))
                .filter(c -> c.getAccountId() == event.accountId())
                .ifPresent(c -> store.revokeAll(c.getId(), "device deleted"));
    }

    /** After the commit, on the VPN's own thread: a new transaction cannot start in the committed one's completion. */
    void disconnectDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeviceRemoved event) {
        runtime.later(() -> {
            runtime.writeCrl(event.accountId());
            runtime.disconnect(event.accountId(), VpnClient.deviceCommonName(event.deviceId()));
        });
    }

    /** An account disabled or enabled, or its pool changed: its instance is stopped, started or restarted at once. */
    void superviseChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) io.keyswitch.account.AccountChanged event) {
        runtime.later(runtime::supervise);
    }

    /** A disabled device's session ends at once (its next login is refused: device disabled). */
    void disconnectDisabledDevice(@Observes(during = TransactionPhase.AFTER_SUCCESS) io.keyswitch.device.DeviceDisabled event) {
        runtime.later(() -> runtime.disconnect(event.accountId(), VpnClient.deviceCommonName(event.deviceId())));
    }

    /** Rights changed: a technician who lost device:connect loses their profile now, not at the next supervision. */
    void revokeWithoutRight(@Observes(during = TransactionPhase.AFTER_SUCCESS) io.keyswitch.user.RightsChanged event) {
        runtime.later(runtime::supervise);
    }

    /** A password reset ends the technician's VPN session too (the next login needs the new password). */
    void disconnectReset(@Observes(during = TransactionPhase.AFTER_SUCCESS) io.keyswitch.user.PasswordReset event) {
        runtime.later(() -> runtime.disconnect(event.accountId(), VpnClient.technicianCommonName(event.userId())));
    }

    void disconnectDisabled(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserDisabled event) {
        runtime.later(() -> runtime.disconnect(event.accountId(), VpnClient.technicianCommonName(event.userId())));
    }
}
