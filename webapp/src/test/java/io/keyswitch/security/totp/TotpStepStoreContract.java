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
 * What every {@link TotpStepStore} must do. The portal's database implementation runs these
 * by extending this class in its container test ({@code …IT}) and returning its store.
 */
public abstract class TotpStepStoreContract {

    private TotpStepStore store;
    private String user;

    /** A store to test; it may hold other users' data. */
    protected abstract TotpStepStore newStore();

    @BeforeEach
    public void createStore() {
        store = newStore();
        user = "contract-" + UUID.randomUUID();
    }

    @Test
    @DisplayName("records a first step, then only later ones")
    public void advancesOnlyForward() {
        assertTrue(store.advanceTo(user, 1000));
        assertFalse(store.advanceTo(user, 1000), "the same step again");
        assertFalse(store.advanceTo(user, 999), "an older step");
        assertTrue(store.advanceTo(user, 1001));
    }

    @Test
    @DisplayName("keeps each user's step apart")
    public void perUser() {
        String other = "contract-" + UUID.randomUUID();
        store.advanceTo(user, 1000);

        assertTrue(store.advanceTo(other, 1000));
    }

    @Test
    @DisplayName("forgets a user's step on reset")
    public void forget() {
        store.advanceTo(user, 1000);

        store.forget(user);

        assertTrue(store.advanceTo(user, 5));
    }

    @Test
    @DisplayName("lets exactly one of eight simultaneous logins with the same step win")
    public void atomic() throws Exception {
        List<Boolean> results = Race.run(8, () -> store.advanceTo(user, 2000));

        assertEquals(1, results.stream().filter(Boolean::booleanValue).count(), results.toString());
    }
}
