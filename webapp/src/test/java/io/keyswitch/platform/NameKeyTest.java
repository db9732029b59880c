package io.keyswitch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Name keys: one rule of name equality for Java and the database")
class NameKeyTest {

    @Test
    @DisplayName("names that differ only in case are one name")
    void caseDoesNotCount() {
        assertThat(NameKey.same("press-dup", "PRESS-DUP")).isTrue();
        assertThat(NameKey.same("Straße", "STRASSE")).as("full case folding").isTrue();
    }

    @Test
    @DisplayName("every character outside the BMP counts: 'cam 😀' and 'cam 😁' are two names")
    void supplementaryCharactersCount() {
        assertThat(NameKey.same("cam \uD83D\uDE00", "cam \uD83D\uDE01")).isFalse();
    }

    @Test
    @DisplayName("compatibility forms are their plain letters; surrounding spaces do not count")
    void compatibilityForms() {
        assertThat(NameKey.same("Ｐｒｅｓｓ", "press")).isTrue();
        assertThat(NameKey.same(" Line 3 ", "line 3")).isTrue();
    }

    @Test
    @DisplayName("an invisible character makes another name (the database no longer ignores it either)")
    void invisibleCharactersCount() {
        assertThat(NameKey.same("press", "press\u0001")).isFalse();
        assertThat(NameKey.same("press", "pre\u200bss")).isFalse();
    }

    @Test
    @DisplayName("a key is 64 hex characters, whatever the name's length")
    void fixedLength() {
        assertThat(NameKey.of("\uFDFA".repeat(100))).matches("[0-9a-f]{64}");
        assertThat(NameKey.of("")).matches("[0-9a-f]{64}");
    }
}
