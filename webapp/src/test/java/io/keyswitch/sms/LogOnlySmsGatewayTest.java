package io.keyswitch.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The log-only SMS gateway")
class LogOnlySmsGatewayTest {

    private final List<String> logged = new ArrayList<>();
    private final Logger logger = Logger.getLogger(LogOnlySmsGateway.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
    }

    @Test
    @DisplayName("masks codes and most of the number in the log by default")
    void productionMasks() {
        LogOnlySmsGateway gateway = new LogOnlySmsGateway();

        gateway.send("+491701234567", "Your Keyswitch code: 123456 (or 987 654, or 1 2 3 4)");

        String line = logged.get(logged.size() - 1);
        assertEquals("SMS not sent (log-only gateway) to +**********67: Your Keyswitch code: ****** (or ******, or ******)", line);
    }

    @Test
    @DisplayName("logs the text in full only in development mode")
    void developmentReveals() {
        LogOnlySmsGateway gateway = LogOnlySmsGateway.development();

        gateway.send("+491701234567", "Your Keyswitch code: 123456");

        assertTrue(logged.get(logged.size() - 1).endsWith("Your Keyswitch code: 123456"));
        assertTrue(logged.get(0).contains("DEVELOPMENT"));
    }

    @Test
    @DisplayName("keeps the last 50 messages, in full, for tests to read")
    void outbox() {
        LogOnlySmsGateway gateway = new LogOnlySmsGateway();

        for (int i = 0; i < 60; i++) {
            gateway.send("+49 170 1234567", "Code " + (100000 + i));
        }

        List<LogOnlySmsGateway.Sms> outbox = gateway.outbox();
        assertEquals(50, outbox.size());
        assertEquals(new LogOnlySmsGateway.Sms("+491701234567", "Code 100010"), outbox.get(0));
        assertEquals("Code 100059", outbox.get(49).text());
        assertFalse(logged.stream().anyMatch(line -> line.contains("100059")));
    }

    @Test
    @DisplayName("writingTo: the log stays masked, the file gets each message in full, one line each, readable only by its owner")
    void outboxFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("sms-outbox.txt");
        LogOnlySmsGateway gateway = LogOnlySmsGateway.writingTo(file);

        gateway.send("+49 170 555-0123", "Keyswitch login code: 123456\nValid 5 minutes.");
        gateway.send("+491705550124", "second 654321");

        assertEquals(List.of("+491705550123\tKeyswitch login code: 123456\\nValid 5 minutes.", "+491705550124\tsecond 654321"),
                java.nio.file.Files.readAllLines(file));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file)));
        assertTrue(logged.stream().noneMatch(line -> line.contains("123456") || line.contains("654321")), logged.toString());
        assertEquals(2, gateway.outbox().size());
    }
}
