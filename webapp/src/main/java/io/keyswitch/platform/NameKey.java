package io.keyswitch.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The one rule of name equality for what people name freely (groups, projects, devices, components): two names are
 * the same name when their keys are equal. The key is the name stripped, in Unicode compatibility form (NFKC: a
 * full-width or ligature letter is its plain letter), case folded (upper then lower case, so {@code ß} and
 * {@code SS} agree), as the hex SHA-256 of its UTF-8 bytes: 64 ASCII characters whatever the name's length. Java
 * compares keys with {@code equals}; the database stores them in {@code name_key} columns ({@code ascii_bin}, unique)
 * and so compares them the same way, byte for byte. Every character counts: {@code cam 😀} and {@code cam 😁} are
 * two names, {@code Press 7} and {@code PRESS 7} one.
 */
public final class NameKey {

    private NameKey() {
    }

    /** The key of {@code name}. */
    public static String of(String name) {
        String folded = Normalizer.normalize(name == null ? "" : name.strip(), Normalizer.Form.NFKC)
                .toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(folded.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", impossible);
        }
    }

    /** Whether {@code a} and {@code b} are the same name. */
    public static boolean same(String a, String b) {
        return of(a).equals(of(b));
    }
}
