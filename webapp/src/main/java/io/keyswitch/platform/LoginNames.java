package io.keyswitch.platform;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules account and user names are made by, in one place: what may be created, and what a name typed at a
 * login stands for. Names are lower-case ASCII, so the login folds capitals (phones capitalise the first letter)
 * and refuses everything else before any lookup: a name with a control, format or non-ASCII character is nobody's,
 * and the database compares names exactly ({@code utf8mb4_nopad_bin}, migration V20).
 */
public final class LoginNames {

    /** An account name: 2 to 64 lower-case letters, digits and dashes. */
    public static final Pattern ACCOUNT = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");

    /** A user name: 2 to 64 lower-case letters, digits, dot, dash and underscore. */
    public static final Pattern USER = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    /** How a typed name appears in the audit trail and the jail at most (the longest valid one is 64). */
    static final int MAX_SHOWN = 64;

    private LoginNames() {
    }

    /** An account and user name as they were created: the identity the login, the jail and the audit key by. */
    public record Canonical(String account, String user) {

        /** {@code account/user}, as events and the jail name the user. */
        public String qualified() {
            return account + "/" + user;
        }
    }

    /**
     * The identity a login names: both names stripped, capitals folded, and valid by the creation rules; empty when
     * either is not (then no user can have it).
     */
    public static Optional<Canonical> parse(String account, String user) {
        String a = fold(account);
        String u = fold(user);
        if (a == null || u == null || !ACCOUNT.matcher(a).matches() || !USER.matcher(u).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Canonical(a, u));
    }

    /** Whether {@code name} may be given to a new user. */
    public static boolean validUser(String name) {
        return name != null && USER.matcher(name).matches();
    }

    /** Whether {@code name} may be given to a new account. */
    public static boolean validAccount(String name) {
        return name != null && ACCOUNT.matcher(name).matches();
    }

    /**
     * A typed name as it may be shown in the audit trail: control, format and other invisible characters as
     * {@code ?}, cut to {@value #MAX_SHOWN} characters (with {@code …}), so that no log or page is injected and no
     * column overflows.
     */
    public static String shown(String typed) {
        if (typed == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        typed.strip().codePoints().limit(MAX_SHOWN + 1L).forEach(cp -> {
            int type = Character.getType(cp);
            boolean invisible = type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            out.appendCodePoint(invisible ? '?' : cp);
        });
        return out.codePointCount(0, out.length()) > MAX_SHOWN
                ? out.substring(0, out.offsetByCodePoints(0, MAX_SHOWN)) + "…" : out.toString();
    }

    /** Stripped, A-Z folded to a-z; {@code null} when blank or not ASCII. */
    private static String fold(String typed) {
        if (typed == null) {
            return null;
        }
        String s = typed.strip();
        if (s.isEmpty() || !s.chars().allMatch(c -> c < 0x80)) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return out.toString();
    }
}
