package io.keyswitch.security.sms;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The store's contract on a map, standing in for the portal's table in unit tests. */
final class InMemorySmsCodeStore implements SmsCodeStore {

    private final Map<String, StoredSmsCode> codes = new HashMap<>();

    @Override
    public synchronized void save(StoredSmsCode code) {
        codes.put(code.userId(), code);
    }

    @Override
    public synchronized Optional<StoredSmsCode> find(String userId) {
        return Optional.ofNullable(codes.get(userId));
    }

    @Override
    public synchronized SmsCodes.Check attempt(String userId, String codeHash, Instant now) {
        StoredSmsCode stored = codes.get(userId);
        SmsCodes.Attempt attempt = SmsCodes.attempt(stored, codeHash, now);
        switch (attempt.after()) {
            case DELETE -> codes.remove(userId);
            case COUNT_DOWN -> codes.put(userId, new StoredSmsCode(userId, stored.codeHash(), stored.issuedAt(),
                    stored.expiresAt(), stored.attemptsLeft() - 1));
            case KEEP -> { }
        }
        return attempt.check();
    }

    @Override
    public synchronized void delete(String userId) {
        codes.remove(userId);
    }

    @Override
    public synchronized int deleteExpired(Instant now) {
        int before = codes.size();
        codes.values().removeIf(c -> !now.isBefore(c.expiresAt()));
        return before - codes.size();
    }

    synchronized Map<String, StoredSmsCode> rows() {
        return new HashMap<>(codes);
    }
}
