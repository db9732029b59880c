package io.keyswitch.vpn.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The VPN's one writer thread: live status changes and their audit events, and the audit events of refused VPN
 * logins, in the order they came, so that neither the management clients' reader threads nor the decision threads
 * wait for the database or the audit chain's lock. It takes whatever has queued up (at most {@link #BATCH}) and writes
 * it in one transaction — a burst of 2,000 disconnects is a few commits, not 2,000; when a batch fails (one bad write
 * rolls it back) each is written in its own transaction, so one cannot take the others with it.
 */
@ApplicationScoped
public class VpnWriter {

    private static final Logger LOG = Logger.getLogger(VpnWriter.class.getName());
    /** The most writes in one transaction (the audit chain's lock is held that long). */
    static final int BATCH = 100;
    private static final int CAPACITY = 100_000;

    @Inject
    LiveStatusStore store;

    private final BlockingQueue<Runnable> pending = new ArrayBlockingQueue<>(CAPACITY);
    private volatile Thread thread;
    private volatile boolean running;

    public synchronized void start(ThreadFactory threads) {
        running = true;
        thread = threads.newThread(this::loop);
        thread.setName("vpn-writer");
        thread.start();
    }

    /** Writes what is queued (5 s at most), then ends the thread. */
    public synchronized void stop() {
        Thread t = thread;
        running = false;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            t.interrupt();
            thread = null;
        }
    }

    /** Queues a write; when 100,000 are waiting it is dropped and logged (reconciliation corrects live status). */
    public void submit(Runnable write) {
        if (thread == null) {
            return;
        }
        if (!pending.offer(write)) {
            LOG.warning("VPN writer busy: a write was dropped (100,000 waiting)");
        }
    }

    private void loop() {
        List<Runnable> batch = new ArrayList<>(BATCH);
        while (running || !pending.isEmpty()) {
            try {
                Runnable first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Runnable> batch) {
        if (batch.size() > 1) {
            try {
                store.inOneTransaction(batch);
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "VPN write batch rolled back, writing one by one", e);
            }
        }
        for (Runnable write : batch) {
            try {
                write.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "VPN write failed: " + e.getMessage(), e);
            }
        }
    }
}
