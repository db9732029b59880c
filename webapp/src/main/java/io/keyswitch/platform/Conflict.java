package io.keyswitch.platform;

/**
 * The thing asked for is in a state that refuses the change (a work report that is final): 409 in the API, the
 * sentence on the page. Nothing was stored.
 */
public class Conflict extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** {@code sentence}: what refuses it, in words a person understands. */
    public Conflict(String sentence) {
        super(sentence);
    }
}
