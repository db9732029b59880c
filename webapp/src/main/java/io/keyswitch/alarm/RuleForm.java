package io.keyswitch.alarm;

import io.keyswitch.platform.Text;
import io.keyswitch.platform.ValidationFailed;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An alarm rule as a person or a program sends it: a built-in preset ({@code offline}, {@code usb},
 * {@code key-switch}) fills what is left out. {@link #check()} says per field what is wrong, or gives the checked rule.
 *
 * @param deviceId  the one device the rule watches, or
 * @param projectId the project whose devices it watches (a template); neither: every device of the account
 * @param enabled   {@code null}: on
 */
public record RuleForm(String builtin, String name, Long deviceId, Long projectId, String kind, String dataPoint,
                       String stateValue, Double threshold, Double hysteresis, Integer offlineMinutes, String severity,
                       String text, Boolean enabled) {

    /** The rule with every field checked and the preset's defaults filled in. */
    public record Checked(String builtin, String name, Long deviceId, Long projectId, RuleKind kind, String dataPoint,
                          String stateValue, Double threshold, double hysteresis, Integer offlineMinutes,
                          Severity severity, String text, boolean enabled) {
    }

    /** The form of a stored rule, switched on or off: what a page sends to change only that. */
    public static RuleForm of(AlarmRule r, boolean enabled) {
        return new RuleForm(r.getBuiltin(), r.getName(), r.getDeviceId(), r.getProjectId(), r.getKind().name(),
                r.getDataPoint(), r.getStateValue(), r.getThreshold(), r.getHysteresis(), r.getOfflineMinutes(),
                r.getSeverity().name(), r.getText(), enabled);
    }

    /** @throws ValidationFailed naming each wrong field */
    public Checked check() {
        Map<String, String> errors = new LinkedHashMap<>();
        Builtin preset = null;
        if (builtin != null && !builtin.isBlank()) {
            preset = Builtin.of(builtin.strip()).orElse(null);
            if (preset == null) {
                errors.put("builtin", "There is no built-in rule '" + builtin + "'; there are offline, usb and key-switch.");
            }
        }
        String n = Text.oneLine(errors, "name", "The name", name, 100);
        if (n == null && preset != null) {
            n = preset.title();
        }
        if (n == null && !errors.containsKey("name")) {
            errors.put("name", "Please name the rule.");
        }
        RuleKind k = preset != null ? preset.kind() : word(errors, "kind", kind, RuleKind.class);
        if (preset != null && kind != null && !kind.isBlank() && !kind.equalsIgnoreCase(preset.kind().name())) {
            errors.put("kind", "The built-in rule '" + preset.key() + "' is of kind " + preset.kind() + ".");
        }
        String point = Text.oneLine(errors, "dataPoint", "The data point", dataPoint, 64);
        if (point == null && preset != null) {
            point = preset.dataPoint();
        }
        Severity s = severity == null || severity.isBlank() ? preset != null ? preset.severity() : null
                : word(errors, "severity", severity, Severity.class);
        if (s == null && !errors.containsKey("severity")) {
            errors.put("severity", "Please choose a severity: INFO, WARNING or CRITICAL.");
        }
        String t = Text.oneLine(errors, "text", "The alarm text", text, 500);
        if (t == null && preset != null) {
            t = preset.text();
        }
        if (t == null && !errors.containsKey("text")) {
            errors.put("text", "Please write the alarm's text (what the message says).");
        }
        String state = Text.oneLine(errors, "stateValue", "The state", stateValue, 255);
        double hyst = hysteresis == null ? 0 : hysteresis;
        if (deviceId != null && projectId != null) {
            errors.put("projectId", "A rule watches one device or one project's devices, not both.");
        }
        if (k != null) {
            if (k != RuleKind.OFFLINE && point == null && !errors.containsKey("dataPoint")) {
                errors.put("dataPoint", "Please name the data point the rule watches (e.g. in2, usb, temperature).");
            }
            if (k == RuleKind.OFFLINE && point != null) {
                errors.put("dataPoint", "An offline rule watches the device's reports, not a data point: leave it empty.");
            }
            if (k == RuleKind.STATE && state == null && !errors.containsKey("stateValue")) {
                errors.put("stateValue", "Please say which state raises the alarm (e.g. on, off, plugged).");
            }
            if ((k == RuleKind.ABOVE || k == RuleKind.BELOW) && (threshold == null || !Double.isFinite(threshold))) {
                errors.put("threshold", "Please give the threshold as a number.");
            }
            if (!Double.isFinite(hyst) || hyst < 0) {
                errors.put("hysteresis", "The hysteresis is a number of at least 0.");
            }
            if (offlineMinutes != null && (k != RuleKind.OFFLINE || offlineMinutes < 1 || offlineMinutes > 10_080)) {
                errors.put("offlineMinutes", k != RuleKind.OFFLINE ? "Only an offline rule has minutes."
                        : "Between 1 and 10080 minutes (a week); empty: the report interval × the offline intervals.");
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        boolean threshold = k == RuleKind.ABOVE || k == RuleKind.BELOW;
        return new Checked(preset == null ? null : preset.key(), n, deviceId, projectId, k, point,
                k == RuleKind.STATE ? state : null, threshold ? this.threshold : null, threshold ? hyst : 0,
                k == RuleKind.OFFLINE ? offlineMinutes : null, s, t, enabled == null || enabled);
    }

    static <E extends Enum<E>> E word(Map<String, String> errors, String field, String value, Class<E> type) {
        String choices = String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        if (value == null || value.isBlank()) {
            errors.put(field, "Please choose one of " + choices + ".");
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.strip())) {
                return e;
            }
        }
        errors.put(field, "That is not one of " + choices + ".");
        return null;
    }
}
