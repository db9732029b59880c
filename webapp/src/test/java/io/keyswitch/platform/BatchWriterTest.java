package io.keyswitch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("One writer thread in batches")
class BatchWriterTest {

    /** A sink that records its transactions; {@code bad} items make a transaction fail; the first one waits for {@code gate}. */
    private static final class Recording implements BatchWriter.Sink<String> {
        final List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());
        final List<String> committed = Collections.synchronizedList(new ArrayList<>());
        final List<String> failed = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);

        @Override
        public void write(List<String> items) {
            if (items.contains("wait")) {
                entered.countDown();
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            transactions.add(List.copyOf(items));
            if (items.stream().anyMatch(i -> i.startsWith("bad"))) {
                throw new IllegalStateException("rolled back");
            }
        }

        @Override
        public void committed(List<String> items) {
            committed.addAll(items);
        }

        @Override
        public void failed(String item, RuntimeException e) {
            failed.add(item);
        }
    }

    private final Recording sink = new Recording();
    private final BatchWriter<String> writer = new BatchWriter<>("test-writer", 3, 5, sink);

    @AfterEach
    void stop() {
        sink.gate.countDown();
        writer.stop();
    }

    /** Starts the writer and holds it in a first transaction, so that what is offered next queues up behind it. */
    private void startHeld() throws InterruptedException {
        writer.start(Thread::new);
        assertThat(writer.offer("wait")).isTrue();
        assertThat(sink.entered.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("what queued up meanwhile is written in transactions of at most a batch, in order, and told as committed")
    void batches() throws InterruptedException {
        startHeld();
        List.of("a", "b", "c", "d").forEach(i -> assertThat(writer.offer(i)).isTrue());

        sink.gate.countDown();
        writer.stop();

        assertThat(sink.transactions).containsExactly(List.of("wait"), List.of("a", "b", "c"), List.of("d"));
        assertThat(sink.committed).containsExactly("wait", "a", "b", "c", "d");
        assertThat(sink.failed).isEmpty();
    }

    @Test
    @DisplayName("a batch that fails is written again one by one: only the bad item fails, the others commit")
    void oneBadItemFailsAlone() throws InterruptedException {
        startHeld();
        List.of("a", "bad", "c").forEach(i -> assertThat(writer.offer(i)).isTrue());

        sink.gate.countDown();
        writer.stop();

        assertThat(sink.transactions).containsExactly(List.of("wait"), List.of("a", "bad", "c"), List.of("a"),
                List.of("bad"), List.of("c"));
        assertThat(sink.committed).containsExactly("wait", "a", "c");
        assertThat(sink.failed).containsExactly("bad");
    }

    @Test
    @DisplayName("nothing is taken before the start, after the stop, or beyond the capacity")
    void refuses() throws InterruptedException {
        assertThat(writer.running()).isFalse();
        assertThat(writer.offer("early")).isFalse();

        startHeld();
        for (int i = 0; i < 5; i++) {
            assertThat(writer.offer("q" + i)).as("item %d of the capacity", i).isTrue();
        }
        assertThat(writer.offer("one too many")).isFalse();

        sink.gate.countDown();
        writer.stop();
        assertThat(writer.running()).isFalse();
        assertThat(writer.offer("late")).isFalse();
        assertThat(sink.committed).containsExactly("wait", "q0", "q1", "q2", "q3", "q4");
    }
}
