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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The portal's start and its orderly stop, each an event of the appliance's audit trail: {@code portal.start} once
 * every start-up step ran, {@code portal.stop} when the application is undeployed or the JVM is told to end
 * ({@code systemctl stop}, a shutdown of the VM: SIGTERM, on which Payara Micro ends without undeploying, so a JVM
 * shutdown hook writes it). A start with no stop before it was a crash, a kill or a power loss. Writing either can
 * fail; that is logged (on stderr at the JVM's end, when its log is closed) and never stops the portal.
 */
@ApplicationScoped
public class PortalLifecycle {

    private static final Logger LOG = Logger.getLogger(PortalLifecycle.class.getName());

    @Inject
    AuditTrail trail;

    private final AtomicBoolean stopRecorded = new AtomicBoolean();
    private volatile boolean started;
    private Thread atExit;

    void atStart(@Observes @Priority(StartupOrder.RECORDED) PortalStarted event) {
        started = true;
        try {
            trail.record(entry(AuditAction.PORTAL_START));
        } catch (RuntimeException e) {
            // the portal serves even when its start cannot be recorded: that is logged, not fatal
            LOG.warning("The portal's start could not be recorded in the audit trail: " + e);
        }
        atExit = new Thread(this::recordStop, "keyswitch-portal-stop");
        Runtime.getRuntime().addShutdownHook(atExit);
    }

    /** Undeployed while the JVM goes on (a redeploy, the tests): the stop is written now and the hook let go. */
    @PreDestroy
    void atUndeploy() {
        if (atExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(atExit);
            } catch (IllegalStateException shuttingDown) {
                return; // the hook writes it
            }
        }
        recordStop();
    }

    private void recordStop() {
        if (!started || !stopRecorded.compareAndSet(false, true)) {
            return;
        }
        try {
            trail.record(entry(AuditAction.PORTAL_STOP));
        } catch (RuntimeException e) {
            System.err.println("Keyswitch: the portal's stop could not be recorded in the audit trail: " + e);
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
