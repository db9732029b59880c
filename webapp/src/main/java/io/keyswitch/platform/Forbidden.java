package io.keyswitch.platform;

/** The actor lacks the right an action needs, or may not act on this one. */
public class Forbidden extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public Forbidden(String right) {
        super("This needs the right " + right + ".");
    }

    private Forbidden(String sentence, boolean asIs) {
        super(sentence);
    }

    /** Forbidden for the reason {@code sentence} gives, in plain words. */
    public static Forbidden because(String sentence) {
        return new Forbidden(sentence, true);
    }
}
