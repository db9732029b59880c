package io.keyswitch.audit.internal;

import io.keyswitch.platform.OwnerOnlyFile;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import java.util.function.LongSupplier;

/**
 * The key of the audit chain's hashes (HMAC-SHA256), kept outside the database in the portal's home
 * ({@value #FILE}, mode 0600, made on first use): whoever can write the database but not read this file cannot
 * rewrite an event and its hash so that the chain check passes. The file also holds the last event id written
 * before the key existed ({@code plain-sha256-up-to}): those older events keep their plain SHA-256, which anyone
 * can recompute, and the check says so. The key's id (first 8 bytes of its SHA-256, hex) is logged at start.
 *
 * @param key the 32-byte HMAC key
 * @param plainUpTo events with an id up to this one were written before the key and carry a plain SHA-256
 */
record AuditKey(byte[] key, long plainUpTo) {

    static final String FILE = "audit-chain.key";

    /** The key of this portal's home, made (with the current last event id) when there is none. */
    static AuditKey of(Path home, LongSupplier lastEventId) {
        String text = OwnerOnlyFile.readOrCreate(home.resolve(FILE), () -> {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            return "# Keyswitch audit chain key: back it up with the database, but not in the same place.\n"
                    + "key=" + Base64.getEncoder().encodeToString(fresh) + "\n"
                    + "plain-sha256-up-to=" + lastEventId.getAsLong() + "\n";
        });
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(text));
            byte[] key = Base64.getDecoder().decode(p.getProperty("key", "").strip());
            if (key.length != 32) {
                throw new IllegalStateException("The audit key in " + home.resolve(FILE) + " is not 32 bytes");
            }
            return new AuditKey(key, Long.parseLong(p.getProperty("plain-sha256-up-to", "0").strip()));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalStateException("The audit key file " + home.resolve(FILE) + " is unreadable", e);
        }
    }

    /** The key's id: the first 8 bytes of its SHA-256, hex. */
    String id() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public String toString() {
        return "AuditKey[id=" + id() + ", plainUpTo=" + plainUpTo + "]";
    }

}
