package io.keyswitch.security.maillink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The store's contract on a list, standing in for the portal's table in unit tests. */
final class InMemoryEmailLinkTokenStore implements EmailLinkTokenStore {

    private final List<StoredEmailLink> links = new ArrayList<>();

    @Override
    public synchronized void save(StoredEmailLink link) {
        links.removeIf(existing -> existing.userId().equals(link.userId()));
        links.add(link);
    }

    @Override
    public synchronized Optional<StoredEmailLink> take(String tokenHash) {
        Optional<StoredEmailLink> found = links.stream().filter(link -> link.tokenHash().equals(tokenHash)).findFirst();
        found.ifPresent(links::remove);
        return found;
    }

    @Override
    public synchronized int deleteExpired(Instant now) {
        int before = links.size();
        links.removeIf(link -> !now.isBefore(link.expiresAt()));
        return before - links.size();
    }

    /** What the "table" holds. */
    synchronized List<StoredEmailLink> rows() {
        return new ArrayList<>(links);
    }
}
