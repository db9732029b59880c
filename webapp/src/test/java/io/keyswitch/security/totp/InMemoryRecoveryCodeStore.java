package io.keyswitch.security.totp;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The recovery code store's contract on a map, standing in for the portal's table in unit tests. */
final class InMemoryRecoveryCodeStore implements RecoveryCodeStore {

    private final Map<String, Set<String>> hashesByUser = new ConcurrentHashMap<>();

    @Override
    public void replaceAll(String userId, List<String> codeHashes) {
        Set<String> hashes = ConcurrentHashMap.newKeySet();
        hashes.addAll(codeHashes);
        hashesByUser.put(userId, hashes);
    }

    @Override
    public boolean remove(String userId, String codeHash) {
        Set<String> hashes = hashesByUser.get(userId);
        return hashes != null && hashes.remove(codeHash);
    }

    @Override
    public int remaining(String userId) {
        Set<String> hashes = hashesByUser.get(userId);
        return hashes == null ? 0 : hashes.size();
    }

    /** What the "database" holds, for asserting that no clear code is stored. */
    Set<String> storedHashes(String userId) {
        return Set.copyOf(hashesByUser.getOrDefault(userId, Set.of()));
    }
}
