package io.keyswitch.alarm;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** What an alarm message says: a subject, a mail body, and an SMS of at most 160 characters. */
final class AlarmText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private AlarmText() {
    }

    static String subject(Alarm a, String device, boolean escalated) {
        return (escalated ? "[Keyswitch " + a.getSeverity() + ", not acknowledged] " : "[Keyswitch " + a.getSeverity() + "] ")
                + device + ": " + a.getText();
    }

    static String mail(Alarm a, String device, ZoneId zone, boolean escalated) {
        return (escalated ? "This alarm has not been acknowledged in time; you are told as the next group.\n\n" : "")
                + "Alarm:     " + a.getText() + "\n"
                + "Device:    " + device + "\n"
                + "Rule:      " + a.getRuleName() + "\n"
                + "Severity:  " + a.getSeverity() + "\n"
                + (a.getValue() == null ? "" : "Value:     " + a.getValue() + "\n")
                + "Raised at: " + TIME.format(a.getRaisedAt().atZone(zone)) + "\n"
                + "Alarm no.: " + a.getId() + "\n\n"
                + "Acknowledge it in the Keyswitch portal (Alarms) or with POST /api/v1/alarms/" + a.getId() + "/acknowledge.\n";
    }

    static String sms(Alarm a, String device, boolean escalated) {
        String text = "Keyswitch " + a.getSeverity() + (escalated ? " (not acknowledged)" : "") + ": " + device + ": "
                + a.getText() + (a.getValue() == null ? "" : " (" + a.getValue() + ")") + " #" + a.getId();
        return text.length() <= 160 ? text : text.substring(0, 159) + "…";
    }
}
