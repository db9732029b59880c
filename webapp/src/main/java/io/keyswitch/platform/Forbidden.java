package io.keyswitch.platform;

/** The actor lacks the right an action needs. */
public class Forbidden extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public Forbidden(String right) {
        super("This needs the right " + right + ".");
    }

    private Forbidden(String sentence, boolean asSaid) {
        super(sentence);
    }

    /** Refused for a reason other than a missing right, said in a whole sentence. */
    public static Forbidden because(String sentence) {
        return new Forbidden(sentence, true);
    }
}
