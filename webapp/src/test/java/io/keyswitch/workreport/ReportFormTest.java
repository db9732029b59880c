package io.keyswitch.workreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyswitch.platform.ValidationFailed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A work report's values")
class ReportFormTest {

    private static final List<ExtraField> FIELDS = List.of(
            ExtraField.of("Machine hours", FieldKind.NUMBER, null, true),
            ExtraField.of("Next visit", FieldKind.DATE, null, false),
            ExtraField.of("Result", FieldKind.CHOICE, "fixed\nnot fixed\nparts ordered", false),
            ExtraField.of("Part number", FieldKind.TEXT, null, false));

    @Test
    @DisplayName("are stored normalized by their field's kind: a number, a date, one of the choices, text")
    void typedValues() {
        // Arrange
        ReportForm form = form("Replaced the battery", Map.of("Machine hours", " 0012.50 ", "Next visit", "2027-01-15",
                "Result", "fixed", "Part number", "6ES7 315"));

        // Act
        ReportForm.Checked checked = form.check(FIELDS);

        // Assert
        assertThat(checked.whatWasDone()).isEqualTo("Replaced the battery");
        assertThat(checked.fields()).containsExactly(new FieldValue("Machine hours", FieldKind.NUMBER, "12.5"),
                new FieldValue("Next visit", FieldKind.DATE, "2027-01-15"), new FieldValue("Result", FieldKind.CHOICE, "fixed"),
                new FieldValue("Part number", FieldKind.TEXT, "6ES7 315"));
    }

    @Test
    @DisplayName("are refused whole, with a message per field: not a number, not a date, not a choice, required, unknown")
    void wrongValues() {
        // Arrange
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Next visit", "15.01.2027");
        fields.put("Result", "maybe");
        fields.put("Part number", "a\u0001b");
        fields.put("Colour", "red");
        ReportForm form = new ReportForm(" ", "SO\n1", -5, 20_000, 60, fields);

        // Act
        ValidationFailed refused = catchThrowableOfType(ValidationFailed.class, () -> form.check(FIELDS));

        // Assert
        assertThat(refused.fieldErrors())
                .containsEntry("whatWasDone", "Please say what was done.")
                .containsKeys("orderNumber", "setupMinutes", "travelMinutes")
                .containsEntry("field.Machine hours", "Machine hours is required.")
                .containsEntry("field.Next visit", "Next visit must be a date such as 2026-12-03 (year-month-day).")
                .containsEntry("field.Result", "Result must be one of: fixed, not fixed, parts ordered.")
                .containsEntry("field.Colour", "There is no field 'Colour' in this account's work reports.")
                .doesNotContainKey("workingMinutes");
        assertThat(refused.fieldErrors().get("field.Part number")).contains("control character");
        assertThat(refused.fieldErrors().get("setupMinutes")).isEqualTo("The set-up time is 0 to 10080 minutes (a week).");
    }

    @Test
    @DisplayName("a number is digits with an optional sign and point: 1e3, 12,5, a blank-padded word and 16 digits are not")
    void numbers() {
        assertThat(FieldKind.NUMBER.check("-3", List.of()).value()).isEqualTo("-3");
        assertThat(FieldKind.NUMBER.check(".5", List.of()).value()).isEqualTo("0.5");
        assertThat(FieldKind.NUMBER.check("100", List.of()).value()).isEqualTo("100");
        for (String wrong : List.of("1e3", "12,5", "twelve", "1234567890123456", "NaN", "1.1234567")) {
            assertThat(FieldKind.NUMBER.check(wrong, List.of()).problem()).as(wrong).startsWith("must be a number");
        }
        assertThat(FieldKind.DATE.check("2026-02-30", List.of()).problem()).as("no 30 February").isNotNull();
    }

    @Test
    @DisplayName("an optional field left blank is simply not stored")
    void blankOptional() {
        ReportForm.Checked checked = form("Checked the drive", Map.of("Machine hours", "7", "Next visit", "  ")).check(FIELDS);

        assertThat(checked.fields()).containsExactly(new FieldValue("Machine hours", FieldKind.NUMBER, "7"));
    }

    @Test
    @DisplayName("the values go into the database as JSON and come back the same")
    void jsonRoundTrip() {
        List<FieldValue> values = List.of(new FieldValue("Result \"x\"", FieldKind.CHOICE, "fixed"),
                new FieldValue("Machine hours", FieldKind.NUMBER, "12.5"));

        assertThat(FieldValue.fromJson(FieldValue.toJson(values))).isEqualTo(values);
        assertThat(FieldValue.toJson(List.of())).isNull();
    }

    private static ReportForm form(String text, Map<String, String> fields) {
        return new ReportForm(text, "SO-1", 10, 30, 60, fields);
    }
}
