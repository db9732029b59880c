package io.keyswitch.security.maillink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyswitch.security.testing.Race;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EmailLinkTokenStore} must do. The portal's database implementation runs
 * these by extending this class in its container test and returning an empty store.
 */
public abstract class EmailLinkTokenStoreContract {

    private static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");

    private EmailLinkTokenStore store;
    private String user;

    /** An empty store to test. */
    protected abstract EmailLinkTokenStore newStore();

    @BeforeEach
    public void createStore() {
        store = newStore();
        user = "contract-" + UUID.randomUUID();
    }

    private static String hash() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    @Test
    @DisplayName("gives a saved link back once")
    public void takeOnce() {
        StoredEmailLink link = new StoredEmailLink(user, hash(), NOON);
        store.save(link);

        assertEquals(Optional.of(link), store.take(link.tokenHash()));
        assertEquals(Optional.empty(), store.take(link.tokenHash()));
    }

    @Test
    @DisplayName("keeps only a user's newest link")
    public void newestOnly() {
        StoredEmailLink older = new StoredEmailLink(user, hash(), NOON);
        StoredEmailLink newer = new StoredEmailLink(user, hash(), NOON.plusSeconds(60));
        store.save(older);

        store.save(newer);

        assertEquals(Optional.empty(), store.take(older.tokenHash()));
        assertEquals(Optional.of(newer), store.take(newer.tokenHash()));
    }

    @Test
    @DisplayName("deletes links that ended, and only those")
    public void deleteExpired() {
        StoredEmailLink ended = new StoredEmailLink(user, hash(), NOON);
        StoredEmailLink running = new StoredEmailLink("contract-" + UUID.randomUUID(), hash(), NOON.plusSeconds(1));
        store.save(ended);
        store.save(running);

        int deleted = store.deleteExpired(NOON);

        assertEquals(1, deleted);
        assertEquals(Optional.empty(), store.take(ended.tokenHash()));
        assertTrue(store.take(running.tokenHash()).isPresent());
    }

    @Test
    @DisplayName("lets exactly one of eight simultaneous clicks on one link win")
    public void atomic() throws Exception {
        StoredEmailLink link = new StoredEmailLink(user, hash(), NOON);
        store.save(link);

        List<Optional<StoredEmailLink>> results = Race.run(8, () -> store.take(link.tokenHash()));

        assertEquals(1, results.stream().filter(Optional::isPresent).count(), results.toString());
    }
}
