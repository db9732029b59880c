package io.keyswitch.siem;

import io.keyswitch.appliance.ApplianceSettings;
import io.keyswitch.audit.AuditRecorded;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.platform.StartupOrder;
import io.keyswitch.siem.syslog.Endpoint;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the audit trail to every enabled syslog target, on the container's managed scheduled executor: one run at a
 * time, every {@code keyswitch.siem.interval} (events, retries, gaps, confirmations; a run goes on while commits record
 * more, {@link AuditRecorded}); each target from its stored position, so nothing is
 * lost across restarts of the portal or outages of the server (at-least-once: see {@link Lane}).
 */
@ApplicationScoped
public class SiemForwarder {

    private static final Logger LOG = Logger.getLogger(SiemForwarder.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ForwardingStore store;

    @Inject
    ApplianceSettings appliance;

    @Inject
    Clock clock;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final Map<Long, Lane> lanes = new HashMap<>();
    private volatile SiemSettings settings = SiemSettings.from(key -> null);
    private volatile boolean started;
    private ScheduledFuture<?> task;

    void atStart(@Observes @Priority(StartupOrder.SIEM) PortalStarted portalStarted) {
        settings = SiemSettings.from(SettingsReader.portalLookup());
        store.enabledTargets(); // made on the deployment's thread (see AlarmRunner: injection on the executor's first run)
        long every = settings.interval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
        started = true;
        LOG.info(settings.describe());
    }

    @PreDestroy
    void stop() {
        started = false;
        if (task != null) {
            task.cancel(false);
        }
        synchronized (lanes) {
            lanes.values().forEach(Lane::close);
            lanes.clear();
        }
    }

    /**
     * After a commit that recorded audit events: the next scheduled run (within {@code keyswitch.siem.interval}) sends
     * them. Only a flag here: submitting to the managed executor from the commit's completion on a request thread broke
     * the container's invocation stack ("postInvoke not called with top of the invocation stack", then "operation on a
     * closed EntityManager" and the error page: {@code StrongAuthenticationIT.smsCodeSignsInOnce}).
     */
    void recorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuditRecorded event) {
        again.set(true);
    }


    /** The settings in force (read at start). */
    public SiemSettings settings() {
        return settings;
    }

    /** Runs until no commit recorded events during the last pass. Skipped while another run is under way (which passes again). */
    void run() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                pass();
            } while (again.get() && started);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SIEM forwarding failed; the next run tries again: " + e, e);
        } finally {
            running.set(false);
        }
    }

    /** Every enabled target once: lanes of deleted, disabled or changed targets closed, the others pumped. */
    private void pass() {
        List<SyslogTarget> targets = store.enabledTargets();
        if (targets.isEmpty() && lanes.isEmpty()) {
            return;
        }
        AuditMessages messages = new AuditMessages(settings, hostname());
        synchronized (lanes) {
            Set<Long> live = new HashSet<>();
            for (SyslogTarget t : targets) {
                live.add(t.getId());
                Lane lane = lanes.get(t.getId());
                try {
                    if (lane != null && !lane.serves(t)) {
                        lane.close();
                        lane = null;
                    }
                    if (lane == null) {
                        lane = new Lane(t, endpoint(t));
                        lanes.put(t.getId(), lane);
                    }
                    lane.pump(store, messages, settings, clock);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "SIEM target " + t.getId() + ": forwarding failed, tried again: " + e, e);
                    Lane failed = lanes.remove(t.getId());
                    if (failed != null) {
                        failed.close();
                    }
                }
            }
            lanes.entrySet().removeIf(e -> {
                if (!live.contains(e.getKey())) {
                    e.getValue().close();
                    return true;
                }
                return false;
            });
        }
    }

    static Endpoint endpoint(SyslogTarget t) {
        return new Endpoint(t.getHost(), t.getPort(), t.getTransport(),
                t.getCaPem() == null ? List.of() : CaCertificates.read(t.getCaPem()));
    }

    /** The HOSTNAME of every message: the appliance's DNS name, else this machine's name. */
    String hostname() {
        return appliance.dnsName().orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return null;
            }
        });
    }
}
