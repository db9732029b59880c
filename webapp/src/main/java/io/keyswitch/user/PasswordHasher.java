package io.keyswitch.user;

/** Turns passwords into stored hashes and checks a password against a stored hash. */
public interface PasswordHasher {

    String hash(char[] password);

    boolean matches(char[] password, String storedHash);

    /** Spends the time of one check and checks nothing: what a login naming nobody costs, so that it cannot be told apart. */
    void spendOneCheck(char[] password);
}
