package io.keyswitch.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules a new password must follow; every rule that is not met is named in the answer, so the
 * user knows exactly what is missing.
 *
 * @param minLength minimum number of characters (default 12)
 * @param requireLower at least one lower-case letter (default yes)
 * @param requireUpper at least one upper-case letter (default yes)
 * @param requireDigit at least one digit (default yes)
 * @param requireSymbol at least one character that is neither letter nor digit (default no)
 */
public record PasswordPolicy(int minLength, boolean requireLower, boolean requireUpper,
                             boolean requireDigit, boolean requireSymbol) {

    public static final PasswordPolicy DEFAULT = new PasswordPolicy(12, true, true, true, false);

    /** The problems with {@code password} for the user {@code username}; empty when it may be used. */
    public List<String> problems(String password, String username) {
        List<String> problems = new ArrayList<>();
        String p = password == null ? "" : password;
        if (p.length() < minLength) {
            problems.add("at least " + minLength + " characters (this one has " + p.length() + ")");
        }
        if (requireLower && p.chars().noneMatch(Character::isLowerCase)) {
            problems.add("a lower-case letter");
        }
        if (requireUpper && p.chars().noneMatch(Character::isUpperCase)) {
            problems.add("an upper-case letter");
        }
        if (requireDigit && p.chars().noneMatch(Character::isDigit)) {
            problems.add("a digit");
        }
        if (requireSymbol && p.chars().allMatch(Character::isLetterOrDigit)) {
            problems.add("a character that is neither a letter nor a digit");
        }
        if (username != null && username.length() >= 3
                && p.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            problems.add("no part that is the user name");
        }
        return problems;
    }
}
