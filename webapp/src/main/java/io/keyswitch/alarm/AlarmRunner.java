package io.keyswitch.alarm;

import io.keyswitch.datapoint.ReportStored;
import io.keyswitch.mail.Mail;
import io.keyswitch.mail.MailDeliveryException;
import io.keyswitch.mail.MailOutcomes;
import io.keyswitch.mail.MailSender;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.platform.SettingsReader;
import io.keyswitch.platform.StartupOrder;
import io.keyswitch.sms.SmsDeliveryException;
import io.keyswitch.sms.SmsGateway;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where alarms happen: a stored report is evaluated against the device's rules once its transaction has committed, in
 * the order the reports came, on the managed executor (a failure here is logged and never undoes or fails the report;
 * the router's answer does not wait for it), and a background run on the container's managed
 * scheduler checks for offline devices, escalates and sends the outbox every {@code keyswitch.alarms.interval}, at once
 * after a report raised an alarm, and at the moment the next watched device's silence reaches its offline rule's time
 * when that comes first. One run at a time; a failed run is logged and the next one tries again.
 */
@ApplicationScoped
public class AlarmRunner {

    private static final Logger LOG = Logger.getLogger(AlarmRunner.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    AlarmStates states;

    @Inject
    Clock clock;

    @Inject
    AlarmOutbox outbox;

    @Inject
    MailSender mail;

    @Inject
    SmsGateway sms;

    /** Reports waiting for evaluation at most; beyond, a report's rules are skipped (and logged). */
    static final int MAX_QUEUED = 50_000;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private ScheduledFuture<?> early;
    private Instant earlyAt;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final java.util.concurrent.ConcurrentLinkedQueue<ReportStored> pending = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
    private volatile AlarmSettings settings = AlarmSettings.from(key -> null);
    private ScheduledFuture<?> task;

    void atStart(@Observes @Priority(StartupOrder.ALARMS) PortalStarted started) {
        settings = AlarmSettings.from(SettingsReader.portalLookup());
        // On the deployment's thread, which also makes AlarmStates and AlarmOutbox here: made first by the managed
        // executor's run while the deployment was still under way, their injection failed ("Lookup failed for
        // java:comp/env/io.keyswitch.alarm.AlarmStates/em", once per start in the container tests).
        states.watchFrom(clock.instant());
        int escalated = outbox.escalateDue(); // escalations that fell due while the portal was down
        if (escalated > 0) {
            LOG.info("Alarms: " + escalated + " alarm(s) escalated at start.");
        }
        long every = settings.interval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
        LOG.info(settings.describe());
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
        synchronized (this) {
            if (early != null) {
                early.cancel(false);
            }
        }
    }

    /**
     * After the report's commit (a new transaction cannot start in the committed one's completion): queued, and
     * evaluated in order on the managed executor by one drainer at a time.
     */
    void reportStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReportStored report) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            LOG.warning("Alarm rules of device " + report.deviceId() + " not evaluated for a report: " + MAX_QUEUED
                    + " reports wait already (offline rules are still checked by the background run).");
            return;
        }
        pending.add(report);
        drainSoon();
    }

    private void drainSoon() {
        if (draining.compareAndSet(false, true)) {
            scheduler.execute(this::drain);
        }
    }

    private void drain() {
        boolean raised = false;
        try {
            for (ReportStored r = pending.poll(); r != null; r = pending.poll()) {
                queued.decrementAndGet();
                try {
                    raised |= states.onReport(r);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Alarm rules of device " + r.deviceId() + " could not be evaluated: " + e, e);
                }
            }
        } finally {
            draining.set(false);
        }
        if (!pending.isEmpty()) {
            drainSoon();
        }
        if (raised) {
            scheduler.execute(this::run);
        }
    }

    /**
     * One run: offline checks, due escalations, due messages. Asked for while another run is under way, it is done again
     * by that run once it ends (so an offline check planned for a moment is never skipped for a long delivery).
     */
    public void run() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                once();
            } while (again.get());
        } finally {
            running.set(false);
        }
    }

    private void once() {
        try {
            AlarmStates.OfflineCheck offline = states.checkOffline();
            int escalated = outbox.escalateDue();
            if (offline.raised() + escalated > 0) {
                LOG.info("Alarms: " + offline.raised() + " device(s) went offline, " + escalated + " alarm(s) escalated.");
            }
            checkAgainAt(offline.next());
            deliver();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The alarm run failed; the next one tries again: " + e, e);
        }
    }

    /**
     * A run of its own at the moment the next watched device goes offline if it stays silent, when that comes before
     * the next regular run: offline alarms are raised when the rule's time is up, not up to one interval later.
     */
    private synchronized void checkAgainAt(Instant next) {
        if (next == null) {
            return;
        }
        Duration wait = Duration.between(clock.instant(), next);
        if (wait.compareTo(settings.interval()) >= 0) {
            return; // a regular run comes first and plans again
        }
        if (early != null && !early.isDone()) {
            if (!earlyAt.isAfter(next)) {
                return; // planned already, for this moment or an earlier one
            }
            early.cancel(false);
        }
        earlyAt = next;
        early = scheduler.schedule(this::run, Math.max(0, wait.toMillis()) + 1, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends due messages, a batch at a time, until none is due or every channel with due messages failed in this run: a
     * batch's mails over one SMTP connection ({@link MailSender#sendAll}, each mail's outcome stored as the server
     * answered it), its SMS one by one.
     */
    private void deliver() {
        Set<AlarmMessage.Channel> down = EnumSet.noneOf(AlarmMessage.Channel.class);
        List<AlarmOutbox.Due> due = outbox.due(settings.batch(), down);
        while (!due.isEmpty()) {
            List<AlarmOutbox.Due> mails = due.stream().filter(m -> m.channel() == AlarmMessage.Channel.MAIL).toList();
            if (!mails.isEmpty() && !sendMails(mails)) {
                down.add(AlarmMessage.Channel.MAIL);
            }
            for (AlarmOutbox.Due message : due) {
                if (message.channel() == AlarmMessage.Channel.MAIL || down.contains(message.channel())) {
                    continue; // mails went above; a channel whose server failed in this run: due again in the next one
                }
                long id = message.id();
                outbox.attempt(id, this::send, settings.retry()).filter(a -> !a.sent()).ifPresent(a -> {
                    down.add(a.channel());
                    LOG.info("Alarm message " + id + " (" + a.channel() + ") not sent, tried again later: " + a.error());
                });
            }
            due = outbox.due(settings.batch(), down);
        }
    }

    /**
     * One batch of due mails over one connection; each outcome stored at once. A mail the server refused alone waits for
     * its retry; when the server went away the batch ended there, and the mails not tried stay due.
     *
     * @return whether every mail got an outcome (else the mail server failed in this run)
     */
    private boolean sendMails(List<AlarmOutbox.Due> mails) {
        List<Mail> batch = mails.stream().map(m -> new Mail(m.recipient(), m.subject(), m.body())).toList();
        int told = mail.sendAll(batch, new MailOutcomes() {
            @Override
            public void sent(int index) {
                outbox.record(mails.get(index).id(), null, settings.retry());
            }

            @Override
            public void failed(int index, MailDeliveryException reason) {
                long id = mails.get(index).id();
                outbox.record(id, java.util.Objects.requireNonNullElse(reason.getMessage(), "unknown error"), settings.retry());
                LOG.info("Alarm message " + id + " (MAIL) not sent, tried again later: " + reason.getMessage());
            }
        });
        return told == mails.size();
    }

    private void send(AlarmMessage m) {
        try {
            switch (m.getChannel()) {
                case MAIL -> mail.send(m.getRecipient(), m.getSubject(), m.getBody()); // mails go in batches: sendMails
                case SMS -> sms.send(m.getRecipient(), m.getBody());
            }
        } catch (MailDeliveryException | SmsDeliveryException | IllegalArgumentException expected) {
            throw expected;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Alarm message " + m.getId() + " failed unexpectedly", e);
            throw e;
        }
    }
}
