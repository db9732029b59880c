package io.keyswitch.alarm;

import io.keyswitch.platform.Text;
import io.keyswitch.platform.ValidationFailed;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An alarm group as a person or a program sends it. {@link #check()} says per field what is wrong, or gives the
 * checked group; that the user group, project, device and next group are the account's is checked by {@link AlarmGroups}.
 *
 * @param quietFrom       {@code HH:mm}, with {@code quietUntil}; both empty: no quiet hours
 * @param escalateMinutes with {@code escalateTo}: tell that alarm group when an alarm is not acknowledged in time
 */
public record GroupForm(String name, Long userGroupId, Long projectId, Long deviceId, String minSeverity, Boolean byMail,
                        Boolean bySms, String quietFrom, String quietUntil, String timeZone, Integer escalateMinutes,
                        Long escalateTo) {

    /** The group with every field checked. */
    public record Checked(String name, long userGroupId, Long projectId, Long deviceId, Severity minSeverity, boolean byMail,
                          boolean bySms, LocalTime quietFrom, LocalTime quietUntil, ZoneId timeZone,
                          Integer escalateMinutes, Long escalateTo) {
    }

    /** @throws ValidationFailed naming each wrong field */
    public Checked check() {
        Map<String, String> errors = new LinkedHashMap<>();
        String n = Text.oneLine(errors, "name", "The name", name, 100);
        if (n == null && !errors.containsKey("name")) {
            errors.put("name", "Please name the alarm group.");
        }
        if (userGroupId == null) {
            errors.put("userGroupId", "Please choose the user group whose members are told.");
        }
        if (projectId != null && deviceId != null) {
            errors.put("deviceId", "An alarm group takes one device's or one project's alarms, not both.");
        }
        Severity min = minSeverity == null || minSeverity.isBlank() ? Severity.INFO
                : RuleForm.word(errors, "minSeverity", minSeverity, Severity.class);
        boolean mail = byMail == null || byMail;
        boolean sms = bySms != null && bySms;
        if (!mail && !sms) {
            errors.put("byMail", "Choose e-mail, SMS or both: a group told by neither hears nothing.");
        }
        LocalTime from = time(errors, "quietFrom", quietFrom);
        LocalTime until = time(errors, "quietUntil", quietUntil);
        if ((from == null) != (until == null) && !errors.containsKey("quietFrom") && !errors.containsKey("quietUntil")) {
            errors.put(from == null ? "quietFrom" : "quietUntil", "Quiet hours need a start and an end (or neither).");
        }
        ZoneId zone = ZoneId.of("UTC");
        if (timeZone != null && !timeZone.isBlank()) {
            try {
                zone = ZoneId.of(timeZone.strip());
            } catch (DateTimeException e) {
                errors.put("timeZone", "Not a time zone; write e.g. Europe/Berlin or UTC.");
            }
        }
        if ((escalateMinutes == null) != (escalateTo == null)) {
            errors.put(escalateTo == null ? "escalateTo" : "escalateMinutes",
                    "Escalation needs both the minutes and the alarm group to tell (or neither).");
        } else if (escalateMinutes != null && (escalateMinutes < 1 || escalateMinutes > 10_080)) {
            errors.put("escalateMinutes", "Between 1 and 10080 minutes (a week).");
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return new Checked(n, userGroupId, projectId, deviceId, min, mail, sms, from, until, zone, escalateMinutes, escalateTo);
    }

    private static LocalTime time(Map<String, String> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "A time of day as HH:mm, e.g. 22:00.");
            return null;
        }
    }
}
