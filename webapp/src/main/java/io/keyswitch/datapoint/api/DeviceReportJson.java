package io.keyswitch.datapoint.api;

import io.keyswitch.datapoint.Reading;
import io.keyswitch.platform.Text;
import io.keyswitch.platform.ValidationFailed;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A device report as a router sends it, and the answer it gets (see {@code docs/integrate/device-api.md}). */
public final class DeviceReportJson {

    /** The names of the system data points; a machine value may not take one. */
    public static final Set<String> SYSTEM_NAMES = Set.of("in1", "in2", "usb", "signal", "wan", "uptime");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    static final int MAX_TEXT = 255;
    static final int MAX_UNIT = 16;
    private static final Pattern WAN = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final BigDecimal LARGEST = new BigDecimal("1e300");

    private DeviceReportJson() {
    }

    /**
     * A report.
     *
     * @param device the device's identity ({@code device-42}): only with {@code Authorization: Bearer <secret>};
     *               with Basic authentication it is the user name and may be left out (if given, it must be the same)
     * @param time   when the values were read (UTC, ISO-8601); absent: when the portal received them
     * @param system the router's own data points, each optional
     * @param values named machine values
     */
    public record ReportIn(String device, Instant time, SystemIn system, List<ValueIn> values) {
    }

    /**
     * The router's own data points.
     *
     * @param in1    digital input 1 (the key switch): true = on
     * @param in2    digital input 2: true = on
     * @param usb    {@code plugged} or {@code removed}
     * @param signal mobile signal strength in dBm
     * @param wan    the WAN address (IPv4 or IPv6)
     * @param uptime seconds since the router started
     */
    public record SystemIn(Boolean in1, Boolean in2, String usb, Integer signal, String wan, Long uptime) {
    }

    /** A machine value: a number, true/false or text, with an optional unit. */
    public record ValueIn(String name, Object value, String unit) {
    }

    /** The answer: whether the router should hold its tunnel now, and when the portal expects the next report. */
    public record AnswerOut(String tunnel, int interval, int stored, String time) {
    }

    /**
     * The report's values, checked: every problem is named by its field ({@code values[2].name}) and nothing is taken
     * when there is one.
     */
    public static List<Reading> readings(ReportIn in, int maxPerReport) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<Reading> out = new ArrayList<>();
        SystemIn s = in.system();
        if (s != null) {
            if (s.in1() != null) {
                out.add(Reading.bool("system.in1", "in1", s.in1()));
            }
            if (s.in2() != null) {
                out.add(Reading.bool("system.in2", "in2", s.in2()));
            }
            if (s.usb() != null) {
                if (s.usb().equals("plugged") || s.usb().equals("removed")) {
                    out.add(Reading.text("system.usb", "usb", s.usb(), null));
                } else {
                    errors.put("system.usb", "Must be \"plugged\" or \"removed\".");
                }
            }
            if (s.signal() != null) {
                if (s.signal() >= -200 && s.signal() <= 50) {
                    out.add(Reading.number("system.signal", "signal", s.signal(), "dBm"));
                } else {
                    errors.put("system.signal", "Must be a signal strength in dBm from -200 to 50.");
                }
            }
            if (s.wan() != null) {
                if (WAN.matcher(s.wan()).matches()) {
                    out.add(Reading.text("system.wan", "wan", s.wan(), null));
                } else {
                    errors.put("system.wan", "Must be an IPv4 or IPv6 address.");
                }
            }
            if (s.uptime() != null) {
                if (s.uptime() >= 0) {
                    out.add(Reading.number("system.uptime", "uptime", s.uptime(), "s"));
                } else {
                    errors.put("system.uptime", "Must be 0 or more seconds.");
                }
            }
        }
        List<ValueIn> values = in.values() == null ? List.of() : in.values();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            machineValue(values.get(i), "values[" + i + "]", seen, errors).ifPresent(out::add);
        }
        if (out.size() > maxPerReport) {
            errors.put("values", "A report may carry at most " + maxPerReport + " values; this one has " + out.size() + ".");
        }
        if (out.isEmpty() && errors.isEmpty()) {
            errors.put("body", "The report has no values: send system data points, values, or both.");
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return out;
    }

    private static Optional<Reading> machineValue(ValueIn v, String at, Set<String> seen, Map<String, String> errors) {
        String name = v.name();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.put(at + ".name", "Must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit.");
            return Optional.empty();
        }
        if (SYSTEM_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            errors.put(at + ".name", "'" + name + "' is a system data point: send it in \"system\".");
            return Optional.empty();
        }
        if (!seen.add(name)) {
            errors.put(at + ".name", "'" + name + "' is in the report twice.");
            return Optional.empty();
        }
        String unit = null;
        if (v.unit() != null) {
            unit = Text.oneLine(errors, at + ".unit", "The unit", v.unit(), MAX_UNIT);
        }
        Object value = v.value();
        if (value instanceof Boolean b) {
            return Optional.of(Reading.bool(at, name, b));
        }
        if (value instanceof BigDecimal d) {
            if (d.abs().compareTo(LARGEST) > 0) {
                errors.put(at + ".value", "Must be a number from -1e300 to 1e300.");
                return Optional.empty();
            }
            return Optional.of(Reading.number(at, name, d.doubleValue(), unit));
        }
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return Optional.of(Reading.number(at, name, n.doubleValue(), unit));
        }
        if (value instanceof String text) {
            Optional<String> problem = Text.problem(text, MAX_TEXT, false);
            if (problem.isPresent()) {
                errors.put(at + ".value", "The text " + problem.get());
                return Optional.empty();
            }
            return Optional.of(Reading.text(at, name, text, unit));
        }
        errors.put(at + ".value", value == null ? "A value is needed: a number, true or false, or text."
                : "Must be a number, true or false, or text; not a list or an object.");
        return Optional.empty();
    }
}
