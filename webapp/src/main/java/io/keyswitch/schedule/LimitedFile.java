package io.keyswitch.schedule;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A report written into a file that may not grow past a limit (the attachment size limit), checked while it is
 * written: past the limit the writing is stopped at once, so a report far too large to mail never fills the disk.
 */
final class LimitedFile {

    private LimitedFile() {
    }

    /**
     * Writes {@code body} into {@code file}; false when it grew past {@code limit} bytes (the writing was stopped there,
     * however the writer wrapped the refusal — OpenPDF's ExceptionConverter, an UncheckedIOException).
     */
    static boolean write(Path file, long limit, Consumer<OutputStream> body) throws IOException {
        Limited out = new Limited(Files.newOutputStream(file), limit);
        try (out) {
            body.accept(out);
            return true;
        } catch (IOException | RuntimeException e) {
            if (out.exceeded) {
                return false;
            }
            throw e;
        }
    }

    /** An output that refuses to grow past a limit. */
    private static final class Limited extends FilterOutputStream {
        private long left;
        boolean exceeded;

        Limited(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            take(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            take(len);
            out.write(b, off, len);
        }

        private void take(long n) throws IOException {
            left -= n;
            if (left < 0) {
                exceeded = true;
                throw new IOException("over the attachment size limit");
            }
        }
    }
}
