package io.keyswitch.security.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.security.sms.SmsCodes.Check;
import io.keyswitch.security.testing.MutableClock;
import io.keyswitch.security.testing.Race;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SMS login codes")
class SmsCodesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final InMemorySmsCodeStore store = new InMemorySmsCodeStore();
    private final SmsCodes codes = new SmsCodes(store, SmsCodes.Settings.defaults(), clock, new SecureRandom());

    @Test
    @DisplayName("a code is six digits, valid 5 minutes, stored only as a salted hash")
    void issue() {
        SmsCodes.Issued issued = codes.issue("42").orElseThrow();

        assertThat(issued.code()).matches("[0-9]{6}");
        assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(issued.toString()).doesNotContain(issued.code());
        StoredSmsCode row = store.rows().get("42");
        assertThat(row.codeHash()).matches("[0-9a-f]{64}").isEqualTo(SmsCodes.hash("42", issued.code()))
                .isNotEqualTo(SmsCodes.hash("43", issued.code()));
        assertThat(row.toString()).doesNotContain(issued.code());
        assertThat(row.attemptsLeft()).isEqualTo(3);
    }

    @Test
    @DisplayName("the right code works once (spaces ignored); a second time there is no code")
    void worksOnce() {
        String code = codes.issue("42").orElseThrow().code();

        Check first = codes.check("42", code.substring(0, 3) + " " + code.substring(3));
        Check again = codes.check("42", code);

        assertThat(first).isEqualTo(Check.ACCEPTED);
        assertThat(again).isEqualTo(Check.NONE);
        assertThat(store.rows()).isEmpty();
    }

    @Test
    @DisplayName("wrong tries count down; after the third even the right code is refused")
    void limitedTries() {
        String code = codes.issue("42").orElseThrow().code();
        String wrong = code.equals("000000") ? "000001" : "000000";

        List<Check> tries = List.of(codes.check("42", wrong), codes.check("42", "12ab"), codes.check("42", wrong),
                codes.check("42", code));

        assertThat(tries).containsExactly(Check.WRONG, Check.WRONG, Check.WRONG, Check.NONE);
    }

    @Test
    @DisplayName("a wrong try leaves the right code usable while tries are left")
    void rightAfterWrong() {
        String code = codes.issue("42").orElseThrow().code();
        String wrong = code.equals("000000") ? "000001" : "000000";

        assertThat(codes.check("42", wrong)).isEqualTo(Check.WRONG);
        assertThat(store.rows().get("42").attemptsLeft()).isEqualTo(2);
        assertThat(codes.check("42", code)).isEqualTo(Check.ACCEPTED);
    }

    @Test
    @DisplayName("an expired code is refused and deleted; the housekeeping deletes expired codes only")
    void expiry() {
        String code = codes.issue("42").orElseThrow().code();
        clock.advance(Duration.ofMinutes(4));
        codes.issue("43").orElseThrow();
        clock.advance(Duration.ofMinutes(1));

        assertThat(codes.check("42", code)).isEqualTo(Check.NONE);
        codes.issue("44").orElseThrow();
        clock.advance(Duration.ofSeconds(270)); // 43 expired (issued 9.5 minutes ago), 44 not
        assertThat(codes.deleteExpired()).isEqualTo(1);
        assertThat(store.rows()).containsOnlyKeys("44");
    }

    @Test
    @DisplayName("a new code replaces the earlier one, but not within 30 seconds of it")
    void resendInterval() {
        String first = codes.issue("42").orElseThrow().code();
        clock.advance(Duration.ofSeconds(29));
        boolean tooSoon = codes.issue("42").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        String second = codes.issue("42").orElseThrow().code();

        assertThat(tooSoon).isTrue();
        assertThat(store.rows().get("42").codeHash()).isEqualTo(SmsCodes.hash("42", second));
        if (!first.equals(second)) {
            assertThat(codes.check("42", first)).isEqualTo(Check.WRONG);
        }
        assertThat(codes.check("42", second)).isEqualTo(Check.ACCEPTED);
    }

    @Test
    @DisplayName("eight threads try the right code at once: exactly one is accepted")
    void race() throws Exception {
        String code = codes.issue("42").orElseThrow().code();

        List<Check> results = Race.run(8, () -> codes.check("42", code));

        assertThat(results).filteredOn(c -> c == Check.ACCEPTED).hasSize(1);
    }

    @Test
    @DisplayName("settings: defaults, ISO or seconds, and unusable values named by their key")
    void settings() {
        assertThat(SmsCodes.Settings.from(Map.<String, String>of()::get)).isEqualTo(SmsCodes.Settings.defaults());
        assertThat(SmsCodes.Settings.from(Map.of(SmsCodes.KEY_VALIDITY, "120", SmsCodes.KEY_ATTEMPTS, "5")::get))
                .isEqualTo(new SmsCodes.Settings(Duration.ofMinutes(2), 5));
        assertThatThrownBy(() -> SmsCodes.Settings.from(Map.of(SmsCodes.KEY_VALIDITY, "PT1H")::get))
                .hasMessageContaining(SmsCodes.KEY_VALIDITY);
        assertThatThrownBy(() -> SmsCodes.Settings.from(Map.of(SmsCodes.KEY_ATTEMPTS, "many")::get))
                .hasMessageContaining(SmsCodes.KEY_ATTEMPTS);
    }
}
