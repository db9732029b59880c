package io.keyswitch.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("An approval window")
class ApprovalWindowTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private final Map<String, String> errors = new LinkedHashMap<>();

    @Nested
    @DisplayName("as the technician asks for it")
    class Wanted {

        @Test
        @DisplayName("starts now when no start is given, and lasts the minutes asked for")
        void startsNow() {
            ApprovalWindow w = ApprovalWindow.wanted(null, 90, NOW, errors);

            assertThat(errors).isEmpty();
            assertThat(w.start()).isEqualTo(NOW);
            assertThat(w.end()).isEqualTo(NOW.plus(Duration.ofMinutes(90)));
        }

        @Test
        @DisplayName("a start a moment ago counts as now; one further in the past is refused with a clear message")
        void pastStart() {
            ApprovalWindow w = ApprovalWindow.wanted(NOW.minusSeconds(60), 30, NOW, errors);
            assertThat(w.start()).isEqualTo(NOW);

            ApprovalWindow old = ApprovalWindow.wanted(NOW.minus(Duration.ofMinutes(6)), 30, NOW, errors);

            assertThat(old).isNull();
            assertThat(errors).containsEntry("start", "The wanted start is in the past: choose now or a later time.");
        }

        @Test
        @DisplayName("a start more than 30 days ahead is refused")
        void farStart() {
            assertThat(ApprovalWindow.wanted(NOW.plus(Duration.ofDays(31)), 30, NOW, errors)).isNull();

            assertThat(errors.get("start")).contains("more than 30 days ahead");
        }

        @Test
        @DisplayName("the duration is 5 minutes to 24 hours; none, 4 or 1441 minutes are refused, naming the bounds")
        void durationBounds() {
            assertThat(ApprovalWindow.wanted(null, 5, NOW, errors)).isNotNull();
            assertThat(ApprovalWindow.wanted(null, 1440, NOW, errors)).isNotNull();
            assertThat(errors).isEmpty();

            for (Integer bad : new Integer[] {null, 4, 1441, -10}) {
                errors.clear();
                assertThat(ApprovalWindow.wanted(null, bad, NOW, errors)).as("%s minutes", bad).isNull();
                assertThat(errors.get("minutes")).as("%s minutes", bad).contains("5 to 1440");
            }
        }

        @Test
        @DisplayName("a start in bad form is refused with the form to use, and no time is made up")
        void badForm() {
            assertThat(ApprovalWindow.instant("tomorrow 9:00", "start", errors)).isNull();

            assertThat(errors).containsEntry("start", "Give the time as ISO-8601 in UTC, e.g. 2026-12-05T14:00:00Z.");
            assertThat(ApprovalWindow.instant(" ", "start", errors)).isNull();
            assertThat(ApprovalWindow.instant("2026-12-05T14:00:00Z", "start", errors)).isEqualTo(Instant.parse("2026-12-05T14:00:00Z"));
        }
    }

    @Nested
    @DisplayName("as an approver gives it")
    class Approved {

        private final ApprovalWindow wanted = new ApprovalWindow(NOW, NOW.plus(Duration.ofHours(2)));

        @Test
        @DisplayName("is the wanted window when the approver changes nothing")
        void asWanted() {
            assertThat(wanted.approved(null, null, NOW, errors)).isEqualTo(wanted);
            assertThat(errors).isEmpty();
        }

        @Test
        @DisplayName("may be shortened: a later start and fewer minutes, inside the wanted window")
        void shortened() {
            ApprovalWindow w = wanted.approved(NOW.plus(Duration.ofMinutes(30)), 45, NOW, errors);

            assertThat(errors).isEmpty();
            assertThat(w).isEqualTo(new ApprovalWindow(NOW.plus(Duration.ofMinutes(30)), NOW.plus(Duration.ofMinutes(75))));
        }

        @Test
        @DisplayName("is never longer than asked: before the wanted start or past its end is refused")
        void neverLonger() {
            assertThat(wanted.approved(NOW.minusSeconds(1), null, NOW, errors)).isNull();
            assertThat(errors.get("start")).contains("inside the wanted one");

            errors.clear();
            assertThat(wanted.approved(null, 121, NOW, errors)).isNull();
            assertThat(errors.get("minutes")).contains("inside the wanted one");
        }

        @Test
        @DisplayName("cannot be approved once it is over")
        void over() {
            assertThat(wanted.approved(null, null, NOW.plus(Duration.ofHours(2)), errors)).isNull();

            assertThat(errors.get("start")).contains("over already");
        }
    }

    @Nested
    @DisplayName("in time")
    class InTime {

        private final ApprovalWindow w = new ApprovalWindow(NOW, NOW.plus(Duration.ofMinutes(60)));

        @Test
        @DisplayName("covers its start and not its end")
        void covers() {
            assertThat(w.covers(NOW.minusMillis(1))).isFalse();
            assertThat(w.covers(NOW)).isTrue();
            assertThat(w.covers(NOW.plus(Duration.ofMinutes(60)).minusMillis(1))).isTrue();
            assertThat(w.covers(NOW.plus(Duration.ofMinutes(60)))).isFalse();
        }

        @Test
        @DisplayName("warns in its last 5 minutes, not before and not after")
        void warns() {
            assertThat(w.endsSoon(NOW.plus(Duration.ofMinutes(54)))).isFalse();
            assertThat(w.endsSoon(NOW.plus(Duration.ofMinutes(55)))).isTrue();
            assertThat(w.endsSoon(NOW.plus(Duration.ofMinutes(60)))).isFalse();
        }

        @Test
        @DisplayName("a request expires after the account's answer time, or when its wanted window is over if sooner")
        void expiry() {
            assertThat(w.expiresAt(NOW, 30)).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
            assertThat(w.expiresAt(NOW, 120)).isEqualTo(w.end());
        }

        @Test
        @DisplayName("the account's answer time is 5 minutes to 7 days")
        void answerTime() {
            assertThat(ApprovalWindow.expiry(5, errors)).isEqualTo(5);
            assertThat(ApprovalWindow.expiry(10080, errors)).isEqualTo(10080);
            assertThat(errors).isEmpty();
            assertThat(ApprovalWindow.expiry(4, errors)).isNull();
            assertThat(errors.get("expireMinutes")).contains("5 to 10080");
            errors.clear();
            assertThat(ApprovalWindow.expiry(null, errors)).isNull();
            assertThat(ApprovalWindow.expiry(10081, errors)).isNull();
        }
    }
}
