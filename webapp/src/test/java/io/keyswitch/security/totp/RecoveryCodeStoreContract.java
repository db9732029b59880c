package io.keyswitch.security.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyswitch.security.testing.Race;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RecoveryCodeStore} must do. The portal's database implementation runs these
 * by extending this class in its container test and returning its store.
 */
public abstract class RecoveryCodeStoreContract {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);

    private RecoveryCodeStore store;
    private String user;

    /** A store to test; it may hold other users' data. */
    protected abstract RecoveryCodeStore newStore();

    @BeforeEach
    public void createStore() {
        store = newStore();
        user = "contract-" + UUID.randomUUID();
    }

    @Test
    @DisplayName("removes a hash once and counts what remains")
    public void removeOnce() {
        store.replaceAll(user, List.of(A, B));

        assertTrue(store.remove(user, A));
        assertFalse(store.remove(user, A));
        assertEquals(1, store.remaining(user));
    }

    @Test
    @DisplayName("replaces the whole set")
    public void replaceAll() {
        store.replaceAll(user, List.of(A, B));

        store.replaceAll(user, List.of(C));

        assertFalse(store.remove(user, A));
        assertTrue(store.remove(user, C));
        assertEquals(0, store.remaining(user));
    }

    @Test
    @DisplayName("keeps each user's hashes apart, even equal ones")
    public void perUser() {
        String other = "contract-" + UUID.randomUUID();
        store.replaceAll(user, List.of(A));
        store.replaceAll(other, List.of(A));

        assertTrue(store.remove(other, A));
        assertEquals(1, store.remaining(user));
        assertEquals(0, store.remaining(other));
    }

    @Test
    @DisplayName("lets exactly one of eight simultaneous uses of one code win")
    public void atomic() throws Exception {
        store.replaceAll(user, List.of(A, B));

        List<Boolean> results = Race.run(8, () -> store.remove(user, A));

        assertEquals(1, results.stream().filter(Boolean::booleanValue).count(), results.toString());
        assertEquals(1, store.remaining(user));
    }
}
