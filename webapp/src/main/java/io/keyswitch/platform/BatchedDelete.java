package io.keyswitch.platform;

import java.time.Duration;

/**
 * How the portal deletes old rows in the background (data point history, alarms, the alarm outbox): statement after
 * statement of at most {@code batch} rows — each its own short transaction — with a pause after every statement that
 * removed rows, until one removes fewer than a batch; so reports and pages keep the database between them and no
 * statement holds many locks.
 */
public final class BatchedDelete {

    /** One delete statement of at most {@code limit} rows, in its own transaction; returns how many went. */
    @FunctionalInterface
    public interface Statement {
        int rows(int limit);
    }

    /** Waits between statements. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration pause) throws InterruptedException;
    }

    /** The pause that sleeps the calling thread. */
    public static final Pause SLEEP = p -> Thread.sleep(p.toMillis());

    private BatchedDelete() {
    }

    /**
     * Runs {@code statement} until it deletes fewer than {@code batch} rows.
     *
     * @return the rows deleted
     * @throws InterruptedException when the portal stops meanwhile (what went is gone; the rest goes next time)
     */
    public static long drain(Statement statement, int batch, Duration pause, Pause sleeper) throws InterruptedException {
        long total = 0;
        int n;
        do {
            n = statement.rows(batch);
            total += n;
            if (n > 0 && !pause.isZero()) {
                sleeper.sleep(pause);
            }
        } while (n >= batch);
        return total;
    }
}
