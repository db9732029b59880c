package io.keyswitch.vpn.internal;

import io.keyswitch.platform.BatchWriter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * The VPN's one writer thread ({@link BatchWriter}): live status changes and their audit events, and the audit events
 * of refused VPN logins, in the order they came, so that neither the management clients' reader threads nor the
 * decision threads wait for the database or the audit chain's lock — a burst of 2,000 disconnects is a few commits.
 */
@ApplicationScoped
public class VpnWriter {

    private static final Logger LOG = Logger.getLogger(VpnWriter.class.getName());
    /** The most writes in one transaction (the audit chain's lock is held that long). */
    static final int BATCH = 100;
    private static final int CAPACITY = 100_000;

    @Inject
    LiveStatusStore store;

    private BatchWriter<Runnable> writer;

    @PostConstruct
    void init() {
        writer = new BatchWriter<>("vpn-writer", BATCH, CAPACITY, new BatchWriter.Sink<>() {
            @Override
            public void write(List<Runnable> writes) {
                store.inOneTransaction(writes);
            }
        });
    }

    public void start(ThreadFactory threads) {
        writer.start(threads);
    }

    /** Writes what is queued (5 s at most), then ends the thread. */
    public void stop() {
        writer.stop();
    }

    /**
     * Queues a write; when 100,000 are waiting it is dropped and logged (reconciliation corrects live status). Before
     * the VPN started and after it stopped there is nothing to write to: dropped.
     */
    public void submit(Runnable write) {
        if (writer.running() && !writer.offer(write)) {
            LOG.warning("VPN writer busy: a write was dropped (100,000 waiting)");
        }
    }
}
