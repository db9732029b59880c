package io.keyswitch.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A feature's one writer thread: callers queue their writes and go on (or wait for their own outcome); the thread takes
 * whatever has queued up, at most a batch, and writes it in one transaction — a burst is a few commits, not one each.
 * When a batch fails (one bad write rolls it back), each of its items is written in a transaction of its own, so one
 * cannot take the others with it. The {@link Sink} hears how each item ended, after its transaction ended.
 *
 * @param <T> what is queued
 */
public final class BatchWriter<T> {

    private static final Logger LOG = Logger.getLogger(BatchWriter.class.getName());
    private static final long STOP_WAIT_MILLIS = 5_000;

    /** Where the writes go. */
    public interface Sink<T> {

        /** Writes the items, in their order, in one transaction (a {@code @Transactional} method of a bean). */
        void write(List<T> items);

        /** The transaction that wrote these items committed. */
        default void committed(List<T> items) {
        }

        /** The item's own transaction failed (its batch had failed before). */
        default void failed(T item, RuntimeException e) {
            LOG.log(Level.WARNING, "A write failed: " + e.getMessage(), e);
        }
    }

    private final String name;
    private final int batch;
    private final Sink<T> sink;
    private final BlockingQueue<T> pending;
    private volatile Thread thread;
    private volatile boolean running;

    /**
     * @param name     the thread's name
     * @param batch    the most items in one transaction
     * @param capacity the most items waiting; more are refused by {@link #offer}
     */
    public BatchWriter(String name, int batch, int capacity, Sink<T> sink) {
        this.name = name;
        this.batch = batch;
        this.sink = sink;
        this.pending = new ArrayBlockingQueue<>(capacity);
    }

    public synchronized void start(ThreadFactory threads) {
        if (thread != null) {
            return;
        }
        running = true;
        Thread t = threads.newThread(this::loop);
        t.setName(name);
        thread = t;
        t.start();
    }

    /** Writes what is queued (5 s at most), then ends the thread. */
    public synchronized void stop() {
        Thread t = thread;
        running = false;
        if (t != null) {
            try {
                t.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            t.interrupt();
            thread = null;
        }
    }

    /** Whether the thread runs (started, not stopped). */
    public boolean running() {
        return thread != null && running;
    }

    /** @return false when the writer is not running or {@code capacity} items wait already (the item is not queued) */
    public boolean offer(T item) {
        return running() && pending.offer(item);
    }

    private void loop() {
        List<T> items = new ArrayList<>(batch);
        while (running || !pending.isEmpty()) {
            try {
                T first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                items.add(first);
                pending.drainTo(items, batch - 1);
                write(items);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + ": " + e, e); // a sink's own failure: the thread goes on
            } finally {
                items.clear();
            }
        }
    }

    private void write(List<T> items) {
        if (items.size() > 1) {
            try {
                sink.write(items);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, name + ": a batch of " + items.size() + " rolled back, writing one by one", e);
                items.forEach(this::writeAlone);
                return;
            }
            sink.committed(items);
            return;
        }
        writeAlone(items.get(0));
    }

    private void writeAlone(T item) {
        try {
            sink.write(List.of(item));
        } catch (RuntimeException e) {
            sink.failed(item, e);
            return;
        }
        sink.committed(List.of(item));
    }
}
