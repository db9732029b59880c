package io.keyswitch.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.user.internal.BcryptPasswordHasher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("bcrypt password hashing")
class BcryptPasswordHasherTest {

    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher();

    @Test
    @DisplayName("stores $2b$ hashes at cost 11 with a fresh salt each time")
    void saltedCost11() {
        String first = hasher.hash("Maintenance-2026".toCharArray());
        String second = hasher.hash("Maintenance-2026".toCharArray());

        assertThat(first).startsWith("$2b$11$").hasSize(60);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    @DisplayName("matches the right password and nothing else")
    void matches() {
        String hash = hasher.hash("Maintenance-2026".toCharArray());

        assertThat(hasher.matches("Maintenance-2026".toCharArray(), hash)).isTrue();
        assertThat(hasher.matches("maintenance-2026".toCharArray(), hash)).isFalse();
        assertThat(hasher.matches(new char[0], hash)).isFalse();
        assertThat(hasher.matches("Maintenance-2026".toCharArray(), "not a hash")).isFalse();
        assertThat(hasher.matches("Maintenance-2026".toCharArray(), null)).isFalse();
    }
}
