package io.keyswitch.platform;

/**
 * The thing asked for does not exist for the asker. Said the same way whether it does not exist at
 * all or belongs to another account, so that nothing of another account can be seen or guessed.
 */
public class NotFound extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFound(String what) {
        super(what + " not found");
    }
}
