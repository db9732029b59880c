package io.keyswitch.user;

/** Turns passwords into stored hashes and checks a password against a stored hash. */
public interface PasswordHasher {

    String hash(char[] password);

    boolean matches(char[] password, String storedHash);
}
