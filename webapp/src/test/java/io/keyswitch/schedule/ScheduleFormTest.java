package io.keyswitch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyswitch.platform.ValidationFailed;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A scheduled report as sent: every field checked, every wrong one named at once")
class ScheduleFormTest {

    private static ScheduleForm form(Map<String, String> filter, String cadence, String weekday, Integer monthDay, String at,
                                     List<String> recipients, Boolean pdf, Boolean csv) {
        return new ScheduleForm("Invoicing", "work-reports", filter, "previous_month", cadence, weekday, monthDay, at, recipients,
                pdf, csv);
    }

    @Test
    @DisplayName("a monthly schedule: its filter kept as JSON, the time without seconds, addresses without duplicates, PDF by default")
    void valid() {
        ScheduleForm.Checked c = form(Map.of("device", "12"), "MONTHLY", null, 1, "06:00:30",
                List.of("invoices@builder.test", " boss@builder.test ", "invoices@builder.test"), null, null).check();

        assertThat(c.period()).isEqualTo(RelativePeriod.PREVIOUS_MONTH);
        assertThat(c.filterJson()).isEqualTo("{\"device\":\"12\"}");
        assertThat(ScheduleForm.filterOf(c.filterJson()).deviceId()).isEqualTo(12L);
        assertThat(c.at()).isEqualTo(LocalTime.of(6, 0));
        assertThat(c.recipients()).containsExactly("invoices@builder.test", "boss@builder.test");
        assertThat(c.pdf()).isTrue();
        assertThat(c.csv()).isFalse();
        assertThat(c.weekday()).isNull();
    }

    @Test
    @DisplayName("a weekly schedule keeps its weekday; a monthly day the cadence does not use is still checked")
    void weekly() {
        ScheduleForm.Checked c = form(Map.of(), "weekly", "friday", null, "17:30", List.of("a@b.test"), true, true).check();
        ValidationFailed unusedDay = catchThrowableOfType(ValidationFailed.class,
                () -> form(Map.of(), "WEEKLY", "FRIDAY", 40, "17:30", List.of("a@b.test"), true, false).check());

        assertThat(c.weekday()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(c.monthDay()).isNull();
        assertThat(unusedDay.fieldErrors()).containsOnlyKeys("monthDay");
    }

    @Test
    @DisplayName("bad addresses, a period in the filter, an unknown filter, a bad id, a day 29, a bad time and no attachment: all named")
    void allNamed() {
        ValidationFailed e = catchThrowableOfType(ValidationFailed.class, () -> new ScheduleForm(" ", "", Map.of("from",
                "2026-11-01", "colour", "red", "device", "-3"), "last year", "MONTHLY", "someday", 29, "6 o'clock",
                List.of("Boss <boss@builder.test>"), false, false).check());

        assertThat(e.fieldErrors()).containsOnlyKeys("name", "kind", "filter.from", "filter.colour", "filter.device", "period",
                "weekday", "monthDay", "at", "recipients", "pdf");
        assertThat(e.fieldErrors().get("filter.from")).contains("period");
        assertThat(e.fieldErrors().get("recipients")).contains("'Boss <boss@builder.test>' is not an e-mail address");
    }

    @Test
    @DisplayName("no address at all, or more than 20, is refused")
    void recipientCount() {
        List<String> many = java.util.stream.IntStream.rangeClosed(1, 21).mapToObj(i -> "r" + i + "@builder.test").toList();

        assertThat(catchThrowableOfType(ValidationFailed.class, () -> form(Map.of(), "DAILY", null, null, "06:00", List.of(" "),
                true, false).check()).fieldErrors().get("recipients")).contains("at least one");
        assertThat(catchThrowableOfType(ValidationFailed.class, () -> form(Map.of(), "DAILY", null, null, "06:00", many,
                true, false).check()).fieldErrors().get("recipients")).contains("At most 20");
    }
}
