package io.keyswitch.security.maillink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyswitch.security.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("E-mail link tokens")
class EmailLinkTokensTest {

    private static final Instant START = Instant.parse("2026-11-29T12:00:00Z");

    private MutableClock clock;
    private InMemoryEmailLinkTokenStore store;
    private EmailLinkTokens tokens;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(START);
        store = new InMemoryEmailLinkTokenStore();
        tokens = new EmailLinkTokens(store, Duration.ofMinutes(10), clock, new SecureRandom());
    }

    @Test
    @DisplayName("are 256 random bits in URL-safe Base64, and differ each time")
    void shape() {
        EmailLinkToken first = tokens.issue("u1");
        EmailLinkToken second = tokens.issue("u2");

        assertTrue(first.token().matches("[A-Za-z0-9_-]{43}"), first.token());
        assertEquals(32, Base64.getUrlDecoder().decode(first.token()).length);
        assertNotEquals(first.token(), second.token());
        assertEquals(START.plus(Duration.ofMinutes(10)), first.expiresAt());
        assertFalse(first.toString().contains(first.token()));
    }

    @Test
    @DisplayName("are stored only as their SHA-256")
    void storedHashed() {
        EmailLinkToken issued = tokens.issue("u1");

        StoredEmailLink row = store.rows().get(0);

        assertEquals(EmailLinkTokens.hash(issued.token()), row.tokenHash());
        assertFalse(row.tokenHash().contains(issued.token()));
        assertEquals("u1", row.userId());
    }

    @Test
    @DisplayName("work once: the second click finds nothing")
    void singleUse() {
        EmailLinkToken issued = tokens.issue("u1");

        Optional<String> first = tokens.redeem(issued.token());
        Optional<String> second = tokens.redeem(issued.token());

        assertEquals(Optional.of("u1"), first);
        assertEquals(Optional.empty(), second);
    }

    @Test
    @DisplayName("work until just before the validity ends, not at its end")
    void validity() {
        EmailLinkToken early = tokens.issue("u1");
        EmailLinkToken late = tokens.issue("u2");

        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        Optional<String> justInTime = tokens.redeem(early.token());
        clock.advance(Duration.ofMillis(1));
        Optional<String> tooLate = tokens.redeem(late.token());

        assertEquals(Optional.of("u1"), justInTime);
        assertEquals(Optional.empty(), tooLate);
    }

    @Test
    @DisplayName("of an earlier mail stop working when a new one is issued")
    void newestOnly() {
        EmailLinkToken older = tokens.issue("u1");
        EmailLinkToken newer = tokens.issue("u1");

        assertEquals(Optional.empty(), tokens.redeem(older.token()));
        assertEquals(Optional.of("u1"), tokens.redeem(newer.token()));
    }

    @Test
    @DisplayName("refuse unknown and malformed tokens without a match")
    void unknown() {
        tokens.issue("u1");

        assertEquals(Optional.empty(), tokens.redeem(null));
        assertEquals(Optional.empty(), tokens.redeem("short"));
        assertEquals(Optional.empty(), tokens.redeem("A".repeat(43)));
        assertEquals(1, store.rows().size(), "an unknown token consumes nothing");
    }

    @Test
    @DisplayName("expired links are deleted by housekeeping")
    void housekeeping() {
        tokens.issue("u1");
        clock.advance(Duration.ofMinutes(5));
        tokens.issue("u2");
        clock.advance(Duration.ofMinutes(6));

        int deleted = tokens.deleteExpired();

        assertEquals(1, deleted);
        assertEquals("u2", store.rows().get(0).userId());
    }

    @Test
    @DisplayName("are valid for 10 minutes unless keyswitch.mail-link.validity says otherwise")
    void validitySetting() {
        assertEquals(Duration.ofMinutes(10), EmailLinkTokens.validityFrom(key -> null));
        assertEquals(Duration.ofMinutes(15), EmailLinkTokens.validityFrom(Map.of("keyswitch.mail-link.validity", "PT15M")::get));
        assertEquals(Duration.ofMinutes(5), EmailLinkTokens.validityFrom(Map.of("keyswitch.mail-link.validity", "300")::get));
    }
}
