package io.keyswitch.security.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Recovery codes")
class RecoveryCodesTest {

    private InMemoryRecoveryCodeStore store;
    private RecoveryCodes recoveryCodes;

    @BeforeEach
    void setUp() {
        store = new InMemoryRecoveryCodeStore();
        recoveryCodes = new RecoveryCodes(store, new SecureRandom());
    }

    @Test
    @DisplayName("come as ten distinct codes of four groups of four Base32 characters")
    void tenDistinctCodes() {
        List<String> codes = recoveryCodes.generate("u1");

        assertEquals(10, codes.size());
        assertEquals(10, new HashSet<>(codes).size());
        codes.forEach(code -> assertTrue(code.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"), code));
    }

    @Test
    @DisplayName("are stored only as hashes")
    void storedHashed() {
        List<String> codes = recoveryCodes.generate("u1");

        Set<String> stored = store.storedHashes("u1");

        assertEquals(10, stored.size());
        for (String code : codes) {
            String bare = code.replace("-", "");
            stored.forEach(hash -> {
                assertFalse(hash.contains(bare), "clear code in the store");
                assertTrue(hash.matches("[0-9a-f]{64}"), "a SHA-256 in hex");
            });
        }
    }

    @Test
    @DisplayName("work exactly once each")
    void oneTimeUse() {
        String code = recoveryCodes.generate("u1").get(3);

        boolean first = recoveryCodes.redeem("u1", code);
        boolean second = recoveryCodes.redeem("u1", code);

        assertTrue(first);
        assertFalse(second);
        assertEquals(9, recoveryCodes.remaining("u1"));
    }

    @Test
    @DisplayName("may be typed in capitals, without dashes, with spaces")
    void lenientTyping() {
        String code = recoveryCodes.generate("u1").get(0);

        boolean redeemed = recoveryCodes.redeem("u1", code.replace("-", " ").toUpperCase(Locale.ROOT));

        assertTrue(redeemed);
    }

    @Test
    @DisplayName("belong to their user only")
    void perUser() {
        String aliceCode = recoveryCodes.generate("alice").get(0);
        recoveryCodes.generate("bob");

        assertFalse(recoveryCodes.redeem("bob", aliceCode));
        assertTrue(recoveryCodes.redeem("alice", aliceCode));
    }

    @Test
    @DisplayName("of an earlier set stop working when a new set is made")
    void newSetVoidsOld() {
        String old = recoveryCodes.generate("u1").get(0);
        recoveryCodes.generate("u1");

        assertFalse(recoveryCodes.redeem("u1", old));
        assertEquals(10, recoveryCodes.remaining("u1"));
    }

    @Test
    @DisplayName("hash differently for different users (the user id salts the hash)")
    void saltedByUser() {
        assertNotEquals(RecoveryCodes.hash("alice", "abcd-efgh-ijkl-mnop"), RecoveryCodes.hash("bob", "abcd-efgh-ijkl-mnop"));
        assertEquals(RecoveryCodes.hash("alice", "abcd-efgh-ijkl-mnop"), RecoveryCodes.hash("alice", "ABCDEFGHIJKLMNOP"));
    }

    @Test
    @DisplayName("refuse junk and codes of the wrong length")
    void refusesJunk() {
        recoveryCodes.generate("u1");

        assertFalse(recoveryCodes.redeem("u1", null));
        assertFalse(recoveryCodes.redeem("u1", ""));
        assertFalse(recoveryCodes.redeem("u1", "aaaa-bbbb-cccc"));
        assertEquals(10, recoveryCodes.remaining("u1"));
    }
}
