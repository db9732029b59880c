package io.keyswitch.account;

import io.keyswitch.platform.StartupOrder;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.audit.AuditTrail;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;

/**
 * At deployment, after the migration and before the VPN starts its instances (which route each account's pool):
 * accounts without devices that share a pool get one of their own ({@link VirtualPools#separateOverlapping}).
 */
@ApplicationScoped
public class PoolsAtStart {

    private static final Logger LOG = Logger.getLogger(PoolsAtStart.class.getName());

    void atStart(@Observes @Priority(StartupOrder.POOLS) PortalStarted started,
                 VirtualPools pools, AuditTrail audit) {
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
