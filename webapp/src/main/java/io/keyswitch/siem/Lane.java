package io.keyswitch.siem;

import io.keyswitch.audit.AuditEvent;
import io.keyswitch.platform.RetryPolicy;
import io.keyswitch.siem.syslog.Endpoint;
import io.keyswitch.siem.syslog.FailureWords;
import io.keyswitch.siem.syslog.SyslogConnection;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Forwarding to one target, in memory, driven by {@link SiemForwarder}'s single run: the open connection, how far it
 * has sent ({@code sent}) and what the server is known to have ({@code confirmed}, stored). A batch counts as taken
 * once it has been on a connection that is still open {@code settle} later; when the connection breaks, forwarding
 * starts again from the confirmed cursor, so what a stopping server had received but not read is sent again (the
 * event id lets a SIEM drop the duplicates). A failed server is tried again after a pause that doubles up to the
 * longest.
 */
final class Lane {

    private static final Logger LOG = Logger.getLogger(Lane.class.getName());
    /** One run sends at most this many batches to a target, so that one busy target does not hold up the others. */
    private static final int BATCHES_PER_RUN = 20;

    /** A batch sent and not yet confirmed: the cursor after it, when it was sent, how many events. */
    private record Sent(Cursor cursor, long atNanos, int events) {
    }

    private final SyslogTarget target;
    private final Endpoint endpoint;
    private final Deque<Sent> unconfirmed = new ArrayDeque<>();
    private SyslogConnection connection;
    private Cursor confirmed;
    private Cursor sent;
    private long retryAtNanos;
    private int failures;
    private String lastError;

    Lane(SyslogTarget target, Endpoint endpoint) {
        this.target = target;
        this.endpoint = endpoint;
    }

    /** Whether this lane still sends to the target as it is configured ({@code version} changes with every edit). */
    boolean serves(SyslogTarget current) {
        return current.getVersion() == target.getVersion();
    }

    /** Sends what there is to send, within one run's share; every failure is caught, recorded and retried later. */
    void pump(ForwardingStore store, AuditMessages messages, SiemSettings settings, Clock clock) {
        long now = System.nanoTime();
        if (now - retryAtNanos < 0) {
            return;
        }
        if (confirmed == null) {
            confirmed = store.cursor(target.getId());
            if (confirmed == null) {
                return; // deleted meanwhile
            }
            sent = confirmed;
        }
        if (connection == null && !connect(store, settings, clock)) {
            return;
        }
        if (!confirm(store, settings, clock)) {
            return;
        }
        boolean gaps = target.isApplianceWide();
        long wait = settings.gapWait().toMillis();
        for (int i = 0; i < BATCHES_PER_RUN; i++) {
            List<AuditEvent> events = store.after(target, sent, settings.batch());
            if (events.isEmpty()) {
                break;
            }
            Set<Long> accounts = new HashSet<>();
            events.forEach(e -> {
                if (e.getAccountId() != null) {
                    accounts.add(e.getAccountId());
                }
            });
            Map<Long, String> names = store.accountNames(accounts);
            List<byte[]> batch = new ArrayList<>(events.size());
            List<Long> ids = new ArrayList<>(events.size());
            for (AuditEvent e : events) {
                batch.add(messages.of(e, e.getAccountId() == null ? null : names.get(e.getAccountId())));
                ids.add(e.getId());
            }
            try {
                connection.send(batch);
            } catch (IOException | RuntimeException e) {
                broken(store, FailureWords.of(e, endpoint, settings.connectTimeout()), settings, clock);
                return;
            }
            sent = sent.after(ids, gaps, clock.millis(), wait);
            unconfirmed.add(new Sent(sent, System.nanoTime(), events.size()));
            if (events.size() < settings.batch()) {
                break;
            }
        }
        if (settings.settle().isZero()) {
            confirm(store, settings, clock);
        }
    }

    /**
     * Keeps the position of the batches sent at least {@code settle} ago when the connection is still open; a closed
     * connection sends again from the last kept position. Whether the connection is still open.
     */
    private boolean confirm(ForwardingStore store, SiemSettings settings, Clock clock) {
        if (!connection.alive()) {
            broken(store, "The server closed the connection (" + endpoint + "); what it had not read is sent again.",
                    settings, clock);
            return false;
        }
        long before = System.nanoTime() - settings.settle().toNanos();
        Sent last = null;
        long events = 0;
        while (!unconfirmed.isEmpty() && unconfirmed.peekFirst().atNanos() - before <= 0) {
            last = unconfirmed.pollFirst();
            events += last.events();
        }
        if (last != null) {
            confirmed = last.cursor();
            store.confirmed(target.getId(), confirmed, events, clock.instant());
        } else if (unconfirmed.isEmpty() && !sent.equals(confirmed)) {
            // gaps forgotten by age while nothing was sent
            confirmed = sent;
            store.confirmed(target.getId(), confirmed, 0, clock.instant());
        }
        return true;
    }

    private boolean connect(ForwardingStore store, SiemSettings settings, Clock clock) {
        try {
            connection = endpoint.open(settings.connectTimeout());
            if (lastError != null) {
                LOG.info("SIEM target " + target.getId() + " ('" + target.getName() + "'): connected again to " + endpoint
                        + "; sending from audit event " + confirmed.position() + " on.");
            }
            lastError = null;
            failures = 0;
            return true;
        } catch (IOException | RuntimeException e) {
            failed(store, FailureWords.of(e, endpoint, settings.connectTimeout()), settings, clock);
            return false;
        }
    }

    private void broken(ForwardingStore store, String words, SiemSettings settings, Clock clock) {
        close();
        sent = confirmed;
        unconfirmed.clear();
        failed(store, words, settings, clock);
    }

    private void failed(ForwardingStore store, String words, SiemSettings settings, Clock clock) {
        Duration pause = new RetryPolicy(settings.retryFirst(), settings.retryLongest()).pause(++failures);
        retryAtNanos = System.nanoTime() + pause.toNanos();
        if (!words.equals(lastError)) {
            LOG.warning("SIEM target " + target.getId() + " ('" + target.getName() + "'): " + words + " Tried again in "
                    + pause.toMillis() + " ms and after longer pauses, from audit event " + confirmed.position() + " on.");
            store.failed(target.getId(), words, clock.instant());
        }
        lastError = words;
    }

    void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
