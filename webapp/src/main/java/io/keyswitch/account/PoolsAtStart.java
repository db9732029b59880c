package io.keyswitch.account;

import io.keyswitch.platform.StartupOrder;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.audit.AuditTrail;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;

/**
 * At deployment, after the migration and before the VPN starts its instances (which route each account's pool): the
 * virtual space's settings are checked (a range that overlaps the tunnel pool or another range stops the start, with
 * the setting named) and logged; accounts without devices whose blocks overlap another account's get one of their own
 * ({@link VirtualPools#separateOverlapping}).
 */
@ApplicationScoped
public class PoolsAtStart {

    private static final Logger LOG = Logger.getLogger(PoolsAtStart.class.getName());

    void atStart(@Observes @Priority(StartupOrder.POOLS) PortalStarted started,
                 VirtualPools pools, AuditTrail audit) {
        PoolAllocator allocator = pools.allocator(); // a setting that cannot be used stops the start here, named
        LOG.info(() -> "Virtual space " + PoolAllocator.describe(allocator.space()) + String.format(java.util.Locale.ROOT,
                " (%,d device /24s), blocks of /%d, never in the tunnel pool %s", allocator.capacity(24), allocator.prefix(),
                allocator.tunnel()));
        try {
            int moved = pools.separateOverlapping(audit);
            if (moved > 0) {
                LOG.info(() -> moved + " account(s) without devices got a virtual pool of their own");
            }
        } catch (RuntimeException e) {
            LOG.severe("Virtual pools not checked at start: " + e.getMessage());
        }
    }
}
