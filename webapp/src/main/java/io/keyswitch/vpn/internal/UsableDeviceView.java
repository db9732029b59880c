package io.keyswitch.vpn.internal;

import io.keyswitch.account.AccountChanged;
import io.keyswitch.device.DeviceChanged;
import io.keyswitch.device.DeviceDisabled;
import io.keyswitch.device.DeviceRemoved;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.platform.StartupOrder;
import io.keyswitch.vpn.VpnClient;
import io.keyswitch.vpn.VpnCredentialsChanged;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The portal's {@link UsableDevices}: loaded at start (before the VPN takes its first CONNECT), and kept true by the
 * events that change what it holds — a profile issued or revoked ({@link VpnCredentialsChanged}), a device deleted,
 * disabled or otherwise changed ({@link DeviceRemoved}, {@link DeviceDisabled}, {@link DeviceChanged}), an account
 * disabled, enabled or its pool changed ({@link AccountChanged}). Each event invalidates while its transaction runs and
 * again once it has ended (so a load in between cannot bring the old rows back), then has the rows read again on the
 * VPN's scheduler. Every 10 minutes the whole table is read again, for rows changed outside the portal's services.
 */
@ApplicationScoped
public class UsableDeviceView {

    private static final Logger LOG = Logger.getLogger(UsableDeviceView.class.getName());
    private static final Duration FULL_RELOAD = Duration.ofMinutes(10);

    @Inject
    ClientStore store;

    @Inject
    VpnScheduler scheduler;

    private final UsableDevices devices = new UsableDevices();

    void atStart(@Observes @Priority(StartupOrder.DEVICE_VIEW) PortalStarted started) {
        long begun = System.nanoTime();
        int held = reload(new UsableDevices.Scope.All());
        LOG.info(() -> "VPN: " + held + " usable device identities loaded into memory in "
                + (System.nanoTime() - begun) / 1_000_000 + " ms; device decisions and reports are answered from them");
    }

    /** Called by the VPN once its scheduler runs: from now on the whole table is read again every 10 minutes. */
    public void scheduleFullReloads() {
        scheduler.every(FULL_RELOAD, "VPN device view not reloaded", () -> reload(new UsableDevices.Scope.All()));
    }

    /** The usable device of this CN, if memory holds it (if not, ask the database). */
    public Optional<UsableDevices.Entry> find(String commonName) {
        return devices.find(commonName);
    }

    /** Reads the rows of {@code scope} again and puts them in the table; returns how many identities it put. */
    public int reload(UsableDevices.Scope scope) {
        long mark = devices.mark();
        try {
            return devices.loaded(mark, scope, store.usableDevices(scope));
        } catch (RuntimeException e) {
            devices.abandoned(mark);
            throw e;
        }
    }

    public int size() {
        return devices.size();
    }

    // --- the events that change what the table holds: invalidate inside the transaction, and after it ---------------

    void credentials(@Observes VpnCredentialsChanged event) {
        devices.invalidate(event.commonName());
    }

    void credentialsDone(@Observes(during = TransactionPhase.AFTER_COMPLETION) VpnCredentialsChanged event) {
        invalidateAndReload(event.commonName());
    }

    void deviceRemoved(@Observes DeviceRemoved event) {
        devices.invalidate(VpnClient.deviceCommonName(event.deviceId()));
    }

    void deviceRemovedDone(@Observes(during = TransactionPhase.AFTER_COMPLETION) DeviceRemoved event) {
        invalidateAndReload(VpnClient.deviceCommonName(event.deviceId()));
    }

    void deviceDisabled(@Observes DeviceDisabled event) {
        devices.invalidate(VpnClient.deviceCommonName(event.deviceId()));
    }

    void deviceDisabledDone(@Observes(during = TransactionPhase.AFTER_COMPLETION) DeviceDisabled event) {
        invalidateAndReload(VpnClient.deviceCommonName(event.deviceId()));
    }

    void deviceChanged(@Observes DeviceChanged event) {
        devices.invalidate(VpnClient.deviceCommonName(event.deviceId()));
    }

    void deviceChangedDone(@Observes(during = TransactionPhase.AFTER_COMPLETION) DeviceChanged event) {
        invalidateAndReload(VpnClient.deviceCommonName(event.deviceId()));
    }

    void accountChanged(@Observes AccountChanged event) {
        devices.invalidateAccount(event.accountId());
    }

    void accountChangedDone(@Observes(during = TransactionPhase.AFTER_COMPLETION) AccountChanged event) {
        devices.invalidateAccount(event.accountId());
        later(new UsableDevices.Scope.OfAccount(event.accountId()));
    }

    private void invalidateAndReload(String commonName) {
        devices.invalidate(commonName);
        later(new UsableDevices.Scope.Named(commonName));
    }

    /** On the VPN's scheduler: a transaction cannot begin in the completion of the one that fired the event. */
    private void later(UsableDevices.Scope scope) {
        scheduler.later(() -> {
            try {
                reload(scope);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "VPN device view: " + scope + " not read again (the database answers those): "
                        + e.getMessage(), e);
            }
        });
    }
}
