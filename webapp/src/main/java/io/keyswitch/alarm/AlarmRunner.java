package io.keyswitch.alarm;

import io.keyswitch.datapoint.ReportStored;
import io.keyswitch.mail.MailSender;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.platform.StartupOrder;
import io.keyswitch.sms.SmsGateway;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where alarms happen: a stored report is evaluated against the device's rules once its transaction has committed (a
 * failure here is logged and never undoes or fails the report), and a background run on the container's managed
 * scheduler checks for offline devices, escalates and sends the outbox every {@code keyswitch.alarms.interval}, and
 * at once after a report raised an alarm. One run at a time; a failed run is logged and the next one tries again.
 */
@ApplicationScoped
public class AlarmRunner {

    private static final Logger LOG = Logger.getLogger(AlarmRunner.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    AlarmStates states;

    @Inject
    AlarmOutbox outbox;

    @Inject
    MailSender mail;

    @Inject
    SmsGateway sms;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile AlarmSettings settings = AlarmSettings.from(key -> null);
    private ScheduledFuture<?> task;

    void atStart(@Observes @Priority(StartupOrder.ALARMS) PortalStarted started) {
        settings = AlarmSettings.from(SettingsReader.portalLookup());
        long every = settings.interval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
        LOG.info(settings.describe());
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void reportStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReportStored report) {
        try {
            if (states.onReport(report)) {
                scheduler.execute(this::run);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Alarm rules of device " + report.deviceId() + " could not be evaluated: " + e, e);
        }
    }

    /** One run: offline checks, due escalations, due messages. Skipped while another run is under way. */
    public void run() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            int offline = states.checkOffline();
            int escalated = outbox.escalateDue();
            if (offline + escalated > 0) {
                LOG.info("Alarms: " + offline + " device(s) went offline, " + escalated + " alarm(s) escalated.");
            }
            deliver();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The alarm run failed; the next one tries again: " + e, e);
        } finally {
            running.set(false);
        }
    }

    private void deliver() {
        java.util.Set<AlarmMessage.Channel> down = java.util.EnumSet.noneOf(AlarmMessage.Channel.class);
        for (long id : outbox.due(settings.batch())) {
            AlarmMessage m = outbox.message(id);
            if (down.contains(m.getChannel())) {
                continue; // its server failed in this run: the message stays due for the next one
            }
            try {
                switch (m.getChannel()) {
                    case MAIL -> mail.send(m.getRecipient(), m.getSubject(), m.getBody());
                    case SMS -> sms.send(m.getRecipient(), m.getBody());
                }
                outbox.sent(id);
            } catch (RuntimeException e) {
                down.add(m.getChannel());
                outbox.failed(id, e.getMessage(), settings.retry());
                LOG.info("Alarm message " + id + " (" + m.getChannel() + ") not sent, attempt " + (m.getAttempts() + 1)
                        + ", tried again later: " + e.getMessage());
            }
        }
    }
}
