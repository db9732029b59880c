package io.keyswitch.security.sms;

import java.time.Instant;
import java.util.Optional;

/** Where {@link SmsCodes} keeps the one live code per user; the portal's is a database table. */
public interface SmsCodeStore {

    /** Stores the user's code, replacing any earlier one. */
    void save(StoredSmsCode code);

    /** The user's code, if one is stored (expired or not). */
    Optional<StoredSmsCode> find(String userId);

    /**
     * One try, in one atomic step: when the user has a code that has not expired and still allows a
     * try, compares {@code codeHash} in constant time; a match deletes the code (it works once), a
     * mismatch uses up a try and deletes the code with its last one. An expired code is deleted.
     */
    SmsCodes.Check attempt(String userId, String codeHash, Instant now);

    /** Removes the user's code, if any. */
    void delete(String userId);

    /** Deletes codes that expired at or before {@code now}; returns how many. */
    int deleteExpired(Instant now);
}
