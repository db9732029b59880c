package io.keyswitch.vpn.openvpn;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Turns bytes that arrive in arbitrary chunks into complete lines (LF or CRLF terminated).
 * A line longer than {@link #MAX_LINE_BYTES} is dropped whole and logged, never fatal.
 * Bytes that are not UTF-8 become U+FFFD. Not thread-safe: one reader feeds it.
 */
final class LineAssembler {

    static final int MAX_LINE_BYTES = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(LineAssembler.class.getName());

    private final Consumer<String> lines;
    private byte[] buffer = new byte[512];
    private int length;
    private boolean discarding;

    LineAssembler(Consumer<String> lines) {
        this.lines = lines;
    }

    void feed(byte[] bytes, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            accept(bytes[i]);
        }
    }

    void feed(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            accept(bytes.get());
        }
    }

    private void accept(byte b) {
        if (b == '\n') {
            if (discarding) {
                discarding = false;
            } else {
                int end = length > 0 && buffer[length - 1] == '\r' ? length - 1 : length;
                String line = new String(buffer, 0, end, StandardCharsets.UTF_8);
                length = 0;
                lines.accept(line);
            }
            length = 0;
            return;
        }
        if (discarding) {
            return;
        }
        if (length == MAX_LINE_BYTES) {
            LOG.warning(() -> "Management line longer than " + MAX_LINE_BYTES + " bytes dropped");
            discarding = true;
            length = 0;
            return;
        }
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_LINE_BYTES));
        }
        buffer[length++] = b;
    }

    /** Bytes of an unfinished line held back, waiting for its end. */
    int pendingBytes() {
        return length;
    }
}
