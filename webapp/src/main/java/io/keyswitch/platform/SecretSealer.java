package io.keyswitch.platform;

/**
 * Seals secrets the portal must keep usable (setting values), with the secret as confidential and {@code purpose}
 * (e.g. the setting's key) as authenticated data, so a sealed value copied to another purpose does not open.
 */
public interface SecretSealer {

    /** The text to store for a secret; blank stays blank (no secret). */
    String seal(String purpose, String secret);

    /**
     * The secret of a stored text; a text stored in clear (before sealing existed) is returned as it is.
     *
     * @throws IllegalStateException naming the purpose when it does not open (another key, changed)
     */
    String open(String purpose, String stored);

    /** Whether a stored text is sealed (otherwise it was stored in clear). */
    boolean isSealed(String stored);
}
