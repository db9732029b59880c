package io.keyswitch.user.internal;

import io.keyswitch.user.PasswordHasher;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt ({@code $2b$}, BouncyCastle). Chosen over Shiro 2's default Argon2, which needs 64 MiB of heap
 * per check and fails in the appliance's small heap. Cost 11 is about 0.15 s per check on one of the
 * appliance's two cores (see docs/develop/benchmarks.md).
 */
@ApplicationScoped
public class BcryptPasswordHasher implements PasswordHasher {

    /** The work factor: each step doubles the time an attacker (and a login) needs per guess. */
    public static final int COST = 11;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A valid hash of a password nobody knows, checked when a user does not exist, so both take as long. */
    private static final String DECOY = OpenBSDBCrypt.generate("2b", "decoy-password-nobody-has".toCharArray(), salt(), COST);

    @Override
    public String hash(char[] password) {
        return OpenBSDBCrypt.generate("2b", password, salt(), COST);
    }

    @Override
    public boolean matches(char[] password, String storedHash) {
        if (password == null || password.length == 0 || storedHash == null) {
            return false;
        }
        try {
            return OpenBSDBCrypt.checkPassword(storedHash, password);
        } catch (IllegalArgumentException malformedHash) {
            return false;
        }
    }

    /** Spends the time of one check without a user, so that unknown user names cannot be told apart by timing. */
    @Override
    public void spendOneCheck(char[] password) {
        matches(password == null || password.length == 0 ? new char[] {'x'} : password, DECOY);
    }

    private static byte[] salt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return salt;
    }
}
