package io.keyswitch.appliance.health;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.platform.StartupOrder;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.logging.Logger;

/**
 * The portal's start and its orderly stop, each an event of the appliance's audit trail ({@code portal.start} once
 * every start-up step ran, {@code portal.stop} when the application is undeployed: a {@code systemctl stop}, a
 * shutdown of the VM). A start with no stop before it was a crash, a kill or a power loss. Writing either can fail
 * (the database gone at the stop); that is logged and never stops the portal, and the next start shows the gap.
 */
@ApplicationScoped
public class PortalLifecycle {

    private static final Logger LOG = Logger.getLogger(PortalLifecycle.class.getName());

    @Inject
    AuditTrail trail;

    private volatile boolean started;

    void atStart(@Observes @Priority(StartupOrder.RECORDED) PortalStarted event) {
        started = true;
        try {
            trail.record(entry(AuditAction.PORTAL_START));
        } catch (RuntimeException e) {
            // the portal serves even when its start cannot be recorded: that is logged, not fatal
            LOG.warning("The portal's start could not be recorded in the audit trail: " + e);
        }
    }

    @PreDestroy
    void atStop() {
        if (!started) {
            return;
        }
        try {
            trail.record(entry(AuditAction.PORTAL_STOP));
        } catch (RuntimeException e) {
            LOG.warning("The portal's stop could not be recorded in the audit trail: " + e);
        }
    }

    private static AuditEntry entry(AuditAction action) {
        String details = Json.createObjectBuilder()
                .add("version", String.valueOf(PortalLifecycle.class.getPackage().getImplementationVersion()))
                .add("java", System.getProperty("java.version", "?"))
                .add("pid", ProcessHandle.current().pid()).build().toString();
        return AuditEntry.of(action, Outcome.SUCCESS).bySystem().on("portal").withDetails(details);
    }
}
