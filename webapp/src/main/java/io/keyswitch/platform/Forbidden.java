package io.keyswitch.platform;

/** The actor lacks the right an action needs. */
public class Forbidden extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public Forbidden(String right) {
        super("This needs the right " + right + ".");
    }
}
