package io.keyswitch.workreport;

import io.keyswitch.platform.Text;
import io.keyswitch.platform.ValidationFailed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a technician writes into a work report, as the form or the API gives it: what was done, the order number, the
 * set-up, travel and working time in minutes, and the account's own fields by name (as text). {@link #check} turns it
 * into the values stored, or refuses it whole with a message per field — field names {@code whatWasDone},
 * {@code orderNumber}, {@code setupMinutes}, {@code travelMinutes}, {@code workingMinutes} and
 * {@code field.<name>} — so nothing of a wrong report is stored.
 */
public record ReportForm(String whatWasDone, String orderNumber, Integer setupMinutes, Integer travelMinutes,
                         Integer workingMinutes, Map<String, String> fields) {

    /** "What was done" holds at most this many characters. */
    public static final int MAX_TEXT = 10_000;
    /** An order number is one short line (as the connection's). */
    public static final int MAX_ORDER_NUMBER = 64;
    /** One time is at most this many minutes (a week). */
    public static final int MAX_MINUTES = 10_080;
    /** The prefix of an extra field's key in the messages ({@code field.Machine hours}). */
    public static final String FIELD = "field.";

    /** The checked values of a report. */
    public record Checked(String whatWasDone, String orderNumber, Integer setupMinutes, Integer travelMinutes,
                          Integer workingMinutes, List<FieldValue> fields) {
    }

    /**
     * The values to store, with the account's {@code extra} fields in their order; unknown field names, a value that is
     * not of its field's kind, a required field left blank and the usual text rules are refused with
     * {@link ValidationFailed}.
     */
    public Checked check(List<ExtraField> extra) {
        Map<String, String> errors = new LinkedHashMap<>();
        String text = Text.multiLine(errors, "whatWasDone", "What was done", whatWasDone, MAX_TEXT);
        if (text == null && !errors.containsKey("whatWasDone")) {
            errors.put("whatWasDone", "Please say what was done.");
        }
        String order = Text.oneLine(errors, "orderNumber", "The order number", orderNumber, MAX_ORDER_NUMBER);
        minutes(errors, "setupMinutes", "The set-up time", setupMinutes);
        minutes(errors, "travelMinutes", "The travel time", travelMinutes);
        minutes(errors, "workingMinutes", "The working time", workingMinutes);
        Map<String, String> given = fields == null ? Map.of() : fields;
        for (String name : given.keySet()) {
            if (extra.stream().noneMatch(f -> f.getName().equals(name))) {
                errors.put(FIELD + name, "There is no field '" + name + "' in this account's work reports.");
            }
        }
        List<FieldValue> values = new ArrayList<>();
        for (ExtraField f : extra) {
            String raw = given.get(f.getName());
            String value = raw == null || raw.isBlank() ? null : raw.strip();
            if (value == null) {
                if (f.isRequired()) {
                    errors.put(FIELD + f.getName(), f.getName() + " is required.");
                }
                continue;
            }
            FieldKind.Checked checked = f.getKind().check(value, f.choiceList());
            if (checked.problem() != null) {
                errors.put(FIELD + f.getName(), f.getName() + " " + checked.problem());
            } else {
                values.add(new FieldValue(f.getName(), f.getKind(), checked.value()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return new Checked(text, order, setupMinutes, travelMinutes, workingMinutes, List.copyOf(values));
    }

    private static void minutes(Map<String, String> errors, String field, String label, Integer minutes) {
        if (minutes != null && (minutes < 0 || minutes > MAX_MINUTES)) {
            errors.put(field, label + " is 0 to " + MAX_MINUTES + " minutes (a week).");
        }
    }
}
