package io.keyswitch.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The hash that chains audit events")
class EventHashTest {

    private static final Instant AT = Instant.parse("2026-11-29T10:15:30.123Z");

    private static AuditEvent event(String target, String reason, String prevHash) {
        return new AuditEvent(7, AT, new AuditEntry(7L, "acme/alice", 3L, "10.0.0.1", "device.update",
                target, Outcome.SUCCESS, "{\"name\":[\"old\",\"new\"]}", reason), prevHash);
    }

    @Test
    @DisplayName("is a SHA-256 in hex, the same for the same content")
    void stable() {
        assertThat(EventHash.of(event("device:1", "order 4711", EventHash.GENESIS)))
                .hasSize(64)
                .matches("[0-9a-f]{64}")
                .isEqualTo(EventHash.of(event("device:1", "order 4711", EventHash.GENESIS)));
    }

    @Test
    @DisplayName("changes when any field or the predecessor changes")
    void sensitive() {
        String original = EventHash.of(event("device:1", "order 4711", EventHash.GENESIS));

        assertThat(EventHash.of(event("device:2", "order 4711", EventHash.GENESIS))).isNotEqualTo(original);
        assertThat(EventHash.of(event("device:1", "order 4712", EventHash.GENESIS))).isNotEqualTo(original);
        assertThat(EventHash.of(event("device:1", "order 4711", "1".repeat(64)))).isNotEqualTo(original);
    }

    @Test
    @DisplayName("cannot be fooled by moving text from one field into the next")
    void unambiguous() {
        assertThat(EventHash.of(event("device:1", "x", EventHash.GENESIS)))
                .isNotEqualTo(EventHash.of(event("device:1x", "", EventHash.GENESIS)));
        assertThat(EventHash.of(event(null, "x", EventHash.GENESIS)))
                .isNotEqualTo(EventHash.of(event("", "x", EventHash.GENESIS)));
    }

    @Test
    @DisplayName("sealed with a key, the hash is an HMAC that the plain SHA-256 (what anyone can recompute) is not, and another key gives another")
    void keyed() {
        byte[] key = new byte[32];
        byte[] other = new byte[32];
        other[0] = 1;
        AuditEvent e = event("device:1", "order 4711", EventHash.GENESIS);

        assertThat(EventHash.keyed(e, key)).matches("[0-9a-f]{64}")
                .isEqualTo(EventHash.keyed(event("device:1", "order 4711", EventHash.GENESIS), key))
                .isNotEqualTo(EventHash.of(e))
                .isNotEqualTo(EventHash.keyed(e, other));
        assertThat(EventHash.keyed(event("device:1", "order 4712", EventHash.GENESIS), key)).isNotEqualTo(EventHash.keyed(e, key));
    }
}
