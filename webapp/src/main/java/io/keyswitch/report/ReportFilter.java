package io.keyswitch.report;

import io.keyswitch.platform.ValidationFailed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a report is asked for: a period {@code [from, to)} (either end may be open) and, each optional, the account (a
 * system administrator's choice; others always get their own), project, device and user. The same filter comes from a
 * page, from API query parameters ({@link #parse}) and from a saved schedule ({@link #parameters}, then
 * {@link #withPeriod} for the run's period). Kinds ignore what does not apply to them and say so in
 * {@link ReportKind#describe}.
 */
public record ReportFilter(Instant from, Instant to, Long accountId, Long projectId, Long deviceId, Long userId) {

    /** No filter: everything the actor may see. */
    public static final ReportFilter ALL = new ReportFilter(null, null, null, null, null, null);

    public ReportFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ValidationFailed.of("to", "The end of the period must be after its start.");
        }
    }

    /** The same filter for another period (a scheduled run's). */
    public ReportFilter withPeriod(Instant newFrom, Instant newTo) {
        return new ReportFilter(newFrom, newTo, accountId, projectId, deviceId, userId);
    }

    /**
     * A filter from parameters as the API takes them: {@code from}, {@code to} (a day {@code 2026-11-30}, UTC, {@code to}
     * inclusive; or an instant {@code 2026-11-30T12:00:00Z}, exclusive), {@code account}, {@code project},
     * {@code device}, {@code user} (ids). Blank means not given; anything else that cannot be read is a
     * {@link ValidationFailed} naming every such parameter.
     */
    public static ReportFilter parse(Map<String, String> parameters) {
        Map<String, String> errors = new LinkedHashMap<>();
        Instant from = instant(errors, "from", parameters.get("from"), false);
        Instant to = instant(errors, "to", parameters.get("to"), true);
        Long account = id(errors, "account", parameters.get("account"));
        Long project = id(errors, "project", parameters.get("project"));
        Long device = id(errors, "device", parameters.get("device"));
        Long user = id(errors, "user", parameters.get("user"));
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return new ReportFilter(from, to, account, project, device, user);
    }

    /** The filter as parameters {@link #parse} reads back (instants for the period); absent parts are left out. */
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        put(p, "from", from);
        put(p, "to", to);
        put(p, "account", accountId);
        put(p, "project", projectId);
        put(p, "device", deviceId);
        put(p, "user", userId);
        return p;
    }

    private static void put(Map<String, String> p, String name, Object value) {
        if (value != null) {
            p.put(name, value.toString());
        }
    }

    private static Instant instant(Map<String, String> errors, String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            errors.put(name, "Give a day like 2026-11-30 or a UTC time like 2026-11-30T12:00:00Z.");
            return null;
        }
    }

    private static Long id(Map<String, String> errors, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        errors.put(name, "Give the " + name + "'s id, a positive whole number.");
        return null;
    }
}
