package io.keyswitch.approval;

import io.keyswitch.connection.ConnectionService;
import io.keyswitch.mail.Mail;
import io.keyswitch.mail.MailDeliveryException;
import io.keyswitch.mail.MailOutcomes;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where approvals act in the background, on the container's managed scheduler: every
 * {@code keyswitch.approvals.interval} unanswered requests past their answer time expire, and when approved windows
 * ended since the last run the connection engine checks every live connection at once (the approval consent then
 * closes those whose window is over). After a request's commit its messages are sent (a failed one is logged, never
 * undoes the request) and, when an approver ended a window, the technician's connections to the device are closed.
 */
@ApplicationScoped
public class ApprovalRunner {

    private static final Logger LOG = Logger.getLogger(ApprovalRunner.class.getName());
    /** Requests expired in one transaction at most; a run goes on until none is due. */
    static final int BATCH = 200;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ApprovalRequests requests;

    @Inject
    ApprovalNotices notices;

    @Inject
    ConnectionService connections;

    @Inject
    MailSender mail;

    @Inject
    SmsGateway sms;

    @Inject
    Clock clock;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Instant lastRun;
    private ScheduledFuture<?> task;

    void atStart(@Observes @Priority(StartupOrder.APPROVALS) PortalStarted started) {
        SettingsReader approvals = SettingsReader.of(SettingsReader.portalLookup(), "keyswitch.approvals.");
        Duration every = approvals.duration("interval", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10));
        lastRun = clock.instant();
        task = scheduler.scheduleWithFixedDelay(this::run, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Approval settings: approvals.interval=" + every);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** One run: expiries, then a check of live connections when windows ended since the last run. */
    public void run() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            Instant now = clock.instant();
            int expired = 0;
            for (int n = requests.expireDue(BATCH); n > 0; n = n == BATCH ? requests.expireDue(BATCH) : 0) {
                expired += n;
            }
            if (expired > 0) {
                LOG.info("Approvals: " + expired + " request(s) expired unanswered.");
            }
            Instant since = lastRun;
            lastRun = now;
            if (requests.windowsEnded(since, now) > 0) {
                connections.consentChanged();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The approval run failed; the next one tries again: " + e, e);
        } finally {
            running.set(false);
        }
    }

    /**
     * After the commit: the messages. (An approver's End has closed the technician's connections before its commit, see
     * {@link ApprovalRequests#end}; one opened in between is closed by the engine's sweep as the window is over.)
     */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApprovalChanged event) {
        scheduler.execute(() -> {
            try {
                notify(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Approval request " + event.requestId() + ": " + event.kind() + " not carried out: " + e, e);
            }
        });
    }

    /** The event's messages: its SMS one by one, its mails as one batch over one SMTP connection. */
    private void notify(ApprovalChanged event) {
        List<ApprovalNotices.Message> mails = new ArrayList<>();
        for (ApprovalNotices.Message m : notices.of(event)) {
            if (!m.bySms()) {
                mails.add(m);
                continue;
            }
            try {
                sms.send(m.to(), m.text());
            } catch (RuntimeException e) {
                LOG.info("Approval request " + event.requestId() + ": an SMS could not be sent: " + e.getMessage());
            }
        }
        if (mails.isEmpty()) {
            return;
        }
        int told = mail.sendAll(mails.stream().map(m -> new Mail(m.to(), m.subject(), m.text())).toList(), new MailOutcomes() {
            @Override
            public void sent(int index) {
                // taken by the server
            }

            @Override
            public void failed(int index, MailDeliveryException reason) {
                LOG.info("Approval request " + event.requestId() + ": a mail could not be sent: " + reason.getMessage());
            }
        });
        if (told < mails.size()) {
            LOG.info("Approval request " + event.requestId() + ": " + (mails.size() - told) + " more mail(s) not sent: the mail"
                    + " server went away.");
        }
    }
}
