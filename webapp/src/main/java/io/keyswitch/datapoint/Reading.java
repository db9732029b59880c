package io.keyswitch.datapoint;

/**
 * One value of a report, checked: a data point's name, its type, the unit (or {@code null}) and the value — a finite
 * number for {@link DataPointType#NUMBER}, 0 or 1 for {@link DataPointType#BOOLEAN} (both in {@code number}), the text
 * for {@link DataPointType#TEXT}.
 *
 * @param field where the value was in the report ({@code system.in1}, {@code values[2]}), for messages
 */
public record Reading(String field, String name, DataPointType type, String unit, Double number, String text) {

    public static Reading number(String field, String name, double value, String unit) {
        return new Reading(field, name, DataPointType.NUMBER, unit, value, null);
    }

    public static Reading bool(String field, String name, boolean value) {
        return new Reading(field, name, DataPointType.BOOLEAN, null, value ? 1.0 : 0.0, null);
    }

    public static Reading text(String field, String name, String value, String unit) {
        return new Reading(field, name, DataPointType.TEXT, unit, null, value);
    }

    /** The value as a person reads it: {@code 21.5}, {@code on}/{@code off}, the text. */
    public static String shown(DataPointType type, Double number, String text) {
        return switch (type) {
            case BOOLEAN -> number == null ? "" : number != 0 ? "on" : "off";
            case NUMBER -> number == null ? "" : number == Math.rint(number) && Math.abs(number) < 1e15
                    ? String.valueOf(number.longValue()) : String.valueOf(number);
            case TEXT -> text == null ? "" : text;
        };
    }
}
