package io.keyswitch.platform;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code setting} table: the values the portal's pages set (DNS name, SMTP account, SMS gateway, login notice…),
 * by scope ({@link #APPLIANCE}, or an account's id for that account's own) and key. Secrets (passwords, credentials
 * in URLs and headers) are stored sealed by {@link SecretSealer}, with the key as the purpose, so a database backup
 * reveals none of them and a value copied to another key does not open. The keys are listed in
 * {@code docs/configuration.md}. Changes are checked and audited by the feature that owns the key, not here.
 */
public interface SettingRepository {

    /** The scope of appliance-wide settings. */
    long APPLIANCE = 0L;

    /** The value stored under the key. */
    Optional<String> find(long scope, String key);

    /** Every value of the scope whose key starts with {@code keyPrefix} ({@code "mail."}), by key. */
    Map<String, String> findAll(long scope, String keyPrefix);

    /** Stores the value, replacing the one before. */
    void put(long scope, String key, String value);

    /** Stores the value unless the key has one; false if it had (another writer came first). */
    boolean putIfAbsent(long scope, String key, String value);

    /**
     * The secret stored sealed under the key; empty text for none. A value stored in clear (by a version before
     * sealing) is returned as it is. A value that does not open (another key, changed) is logged without the value and
     * taken as none, so the page asks for the secret again instead of failing.
     */
    String findSecret(long scope, String key);

    /** Stores the secret sealed; an empty secret is stored empty (no secret). */
    void putSecret(long scope, String key, String secret);

    /** Seals a secret an earlier version stored in clear; false if there was none to seal. Not a change of the value. */
    boolean sealIfClear(long scope, String key);
}
