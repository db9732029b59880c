package io.keyswitch.schedule;

import io.keyswitch.platform.Text;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.report.ReportFilter;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A scheduled report as a person or a program sends it. {@link #check()} names every wrong field at once, or gives the
 * checked schedule; whether the kind exists and the owner may run it with this filter is checked by
 * {@link ReportSchedules}.
 *
 * @param filter     the report's filter without its period: {@code account}, {@code project}, {@code device}, {@code user}
 *                   (ids, as {@link ReportFilter#parse} reads them); the period comes from {@code period}
 * @param recipients one or more e-mail addresses
 * @param at         the time of day, {@code HH:mm}, in the account's time zone
 */
public record ScheduleForm(String name, String kind, Map<String, String> filter, String period, String cadence,
                           String weekday, Integer monthDay, String at, List<String> recipients, Boolean pdf, Boolean csv) {

    /** Addresses one schedule mails at most. */
    public static final int MAX_RECIPIENTS = 20;

    /** The filter parameters a schedule keeps (the period is its own). */
    static final Set<String> FILTER_KEYS = Set.of("account", "project", "device", "user");

    /** The schedule with every field checked. */
    public record Checked(String name, String kind, ReportFilter filter, String filterJson, RelativePeriod period,
                          Cadence cadence, DayOfWeek weekday, Integer monthDay, LocalTime at, List<String> recipients,
                          boolean pdf, boolean csv) {
    }

    /** @throws ValidationFailed naming each wrong field */
    public Checked check() {
        Map<String, String> errors = new LinkedHashMap<>();
        String n = Text.oneLine(errors, "name", "The name", name, 100);
        if (n == null && !errors.containsKey("name")) {
            errors.put("name", "Please name the schedule, e.g. \"Work reports for invoicing\".");
        }
        String k = kind == null ? "" : kind.strip();
        if (k.isEmpty()) {
            errors.put("kind", "Please choose the report.");
        }
        ReportFilter f = filter(errors);
        RelativePeriod p = word(errors, "period", period, RelativePeriod.class, "PREVIOUS_DAY, PREVIOUS_WEEK or PREVIOUS_MONTH");
        Cadence c = word(errors, "cadence", cadence, Cadence.class, "DAILY, WEEKLY or MONTHLY");
        // every field given is checked, also one the cadence does not use, so nothing sent is silently dropped
        DayOfWeek day = weekday == null || weekday.isBlank() && c != Cadence.WEEKLY ? null
                : word(errors, "weekday", weekday, DayOfWeek.class, "MONDAY to SUNDAY");
        if (c == Cadence.WEEKLY && day == null && !errors.containsKey("weekday")) {
            errors.put("weekday", "Please choose: MONDAY to SUNDAY.");
        }
        if ((c == Cadence.MONTHLY || monthDay != null) && (monthDay == null || monthDay < 1 || monthDay > Timing.LAST_DAY)) {
            errors.put("monthDay", "A day of the month from 1 to " + Timing.LAST_DAY + " (every month has it).");
        }
        Integer dayOfMonth = c == Cadence.MONTHLY ? monthDay : null;
        day = c == Cadence.WEEKLY ? day : null;
        LocalTime time = null;
        try {
            time = LocalTime.parse(at == null ? "" : at.strip()).withSecond(0).withNano(0);
        } catch (DateTimeParseException e) {
            errors.put("at", "A time of day as HH:mm, e.g. 06:00.");
        }
        List<String> to = recipients(errors);
        boolean withPdf = pdf == null ? csv == null || !csv : pdf;
        boolean withCsv = csv != null && csv;
        if (!withPdf && !withCsv) {
            errors.put("pdf", "Choose PDF, CSV or both: a mail without the report is of no use.");
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return new Checked(n, k, f, json(f), p, c, day, dayOfMonth, time, to, withPdf, withCsv);
    }

    private ReportFilter filter(Map<String, String> errors) {
        Map<String, String> given = filter == null ? Map.of() : filter;
        for (String key : given.keySet()) {
            if (!FILTER_KEYS.contains(key)) {
                errors.put("filter." + key, key.equals("from") || key.equals("to")
                        ? "A schedule's period is its \"period\" (previous day, week or month), not from/to."
                        : "Not a filter: use account, project, device or user.");
            }
        }
        Map<String, String> known = new LinkedHashMap<>();
        given.forEach((key, value) -> {
            if (FILTER_KEYS.contains(key)) {
                known.put(key, value);
            }
        });
        try {
            return ReportFilter.parse(known);
        } catch (ValidationFailed e) {
            e.fieldErrors().forEach((field, message) -> errors.put("filter." + field, message));
            return ReportFilter.ALL;
        }
    }

    private List<String> recipients(Map<String, String> errors) {
        List<String> out = new ArrayList<>();
        for (String r : recipients == null ? List.<String>of() : recipients) {
            String a = r == null ? "" : r.strip();
            if (a.isEmpty()) {
                continue;
            }
            try {
                InternetAddress parsed = new InternetAddress(a, true);
                parsed.validate();
                if (parsed.getPersonal() != null || !a.matches("[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+") || a.length() > 254) {
                    throw new AddressException(a);
                }
                if (!out.contains(a)) {
                    out.add(a);
                }
            } catch (AddressException e) {
                String shown = a.replaceAll("\\s", " ");
                errors.put("recipients", "'" + (shown.length() > 100 ? shown.substring(0, 100) + "…" : shown) + "' is not an e-mail address (one address per entry, like service@builder.example).");
                return out;
            }
        }
        if (out.isEmpty()) {
            errors.put("recipients", "Give at least one e-mail address.");
        } else if (out.size() > MAX_RECIPIENTS) {
            errors.put("recipients", "At most " + MAX_RECIPIENTS + " addresses (a mailing list of your own for more).");
        }
        return out;
    }

    private static <E extends Enum<E>> E word(Map<String, String> errors, String field, String value, Class<E> type,
                                              String choices) {
        if (value == null || value.isBlank()) {
            errors.put(field, "Please choose: " + choices + ".");
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            errors.put(field, "One of " + choices + ".");
            return null;
        }
    }

    private static String json(ReportFilter f) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        f.parameters().forEach(b::add);
        return b.build().toString();
    }

    /** The stored filter ({@link Checked#filterJson()}) as a filter again. */
    static ReportFilter filterOf(String json) {
        Map<String, String> p = new LinkedHashMap<>();
        Json.createReader(new java.io.StringReader(json)).readObject().forEach((k, v) -> p.put(k, ((jakarta.json.JsonString) v).getString()));
        return ReportFilter.parse(p);
    }

    /** The stored filter as parameters (for the form and the API). */
    static Map<String, String> parametersOf(String json) {
        return filterOf(json).parameters();
    }
}
