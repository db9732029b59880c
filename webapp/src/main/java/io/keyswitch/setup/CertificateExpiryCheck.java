package io.keyswitch.setup;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.platform.StartupOrder;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Once a day (the first five minutes after the start), the same look at the HTTPS certificate the IEC 62443 page
 * takes ({@link TlsEvidence}): when it ends within {@link TlsEvidence#SOON} or has ended, a {@code certificate.expiry}
 * event in the appliance's audit trail (the system protocol) and a warning in the log, with the words the page shows.
 */
@ApplicationScoped
public class CertificateExpiryCheck {

    private static final Duration FIRST_RUN = Duration.ofMinutes(5);
    private static final Duration EVERY = Duration.ofDays(1);
    private static final Logger LOG = Logger.getLogger(CertificateExpiryCheck.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    TlsCertificates certificates;

    @Inject
    AuditTrail trail;

    @Inject
    Clock clock;

    private ScheduledFuture<?> task;

    void atStart(@Observes @Priority(StartupOrder.HEALTH) PortalStarted started) {
        task = scheduler.scheduleWithFixedDelay(this::run, FIRST_RUN.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void run() {
        try {
            certificates.currentCertificate().flatMap(c -> warning(c, clock.instant())).ifPresent(words -> {
                LOG.warning(words);
                trail.record(AuditEntry.of(AuditAction.CERTIFICATE_EXPIRY, Outcome.FAILURE).bySystem()
                        .on("tls-certificate").withDetails(words));
            });
        } catch (RuntimeException e) {
            LOG.warning("HTTPS certificate expiry check failed, next run tomorrow: " + e);
        }
    }

    /** The page's words for {@code c} when it ends within {@link TlsEvidence#SOON} of {@code now} or has ended; else empty. */
    static Optional<String> warning(X509Certificate c, Instant now) {
        Instant until = c.getNotAfter().toInstant();
        return until.isBefore(now.plus(TlsEvidence.SOON)) ? Optional.of(TlsEvidence.certificate(c, now)) : Optional.empty();
    }
}
