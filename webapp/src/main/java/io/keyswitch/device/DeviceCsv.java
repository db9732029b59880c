package io.keyswitch.device;

import io.keyswitch.platform.Ipv4Address;
import io.keyswitch.platform.Ipv4Subnet;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.keyswitch.platform.Text;
import io.keyswitch.platform.Utf8;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The device import file: one line per component, the device's columns repeated on each of its
 * lines (or left blank after the first); a device without components has one line with an empty
 * component. Comma or semicolon separated (Excel writes either), UTF-8 with or without BOM. Checks
 * everything that needs no database and names each problem with its line number.
 */
public final class DeviceCsv {

    /** At most this many lines (components) per file. */
    public static final int MAX_ROWS = 200_000;

    static final List<String> COLUMNS = List.of("device", "serial_number", "project", "lan_subnet", "description",
            "component", "component_ip", "services", "web2go");

    /** The template offered for download: the header and two example devices. */
    public static final String TEMPLATE = String.join(",", COLUMNS) + "\r\n"
            + "press-17,SN-4711,Line 3,192.168.0.0/24,Hydraulic press hall 2,plc,192.168.0.10,\"tcp/102, tcp/502\",no\r\n"
            + "press-17,,,,,hmi,192.168.0.20,\"tcp/80, tcp/443\",yes\r\n"
            + "robot-4,SN-0815,,10.10.0.0/24,Welding cell,,,,\r\n";

    private DeviceCsv() {
    }

    /** A device of the file, with the line it starts on. */
    public record CsvDevice(long line, String name, String serialNumber, String project, Ipv4Subnet lan,
                            String description, List<CsvComponent> components) {
    }

    /** A component of the file, with its line. */
    public record CsvComponent(long line, String name, String ip, String services, boolean web2go) {
    }

    /** A problem on one line (0: the file as a whole). */
    public record RowError(long line, String message) {
        public long getLine() {
            return line;
        }

        public String getMessage() {
            return message;
        }
    }

    /** What the file holds: the devices it describes and every problem found. */
    public record Parsed(List<CsvDevice> devices, List<RowError> errors, long rows) {
        public long components() {
            return devices.stream().mapToLong(d -> d.components().size()).sum();
        }
    }

    /** Reads the whole file (see {@link #parse(byte[])}). */
    public static Parsed parse(java.io.InputStream in) throws IOException {
        return parse(in.readAllBytes());
    }

    /**
     * Parses the file. It must be UTF-8 throughout (a byte order mark is skipped): the first bytes that are not are a
     * problem on their line, and nothing else is read, since what follows cannot be trusted.
     */
    public static Parsed parse(byte[] file) {
        int bom = file.length >= 3 && file[0] == (byte) 0xEF && file[1] == (byte) 0xBB && file[2] == (byte) 0xBF ? 3 : 0;
        String text;
        try {
            text = Utf8.decode(java.util.Arrays.copyOfRange(file, bom, file.length));
        } catch (Utf8.Invalid e) {
            return new Parsed(List.of(), List.of(new RowError(e.line(), "The file is not UTF-8 on this line (byte "
                    + (bom + e.offset() + 1) + "): save it as UTF-8 (in Excel: \"CSV UTF-8\"); nothing was read.")), 0);
        }
        String firstLine = text.lines().findFirst().orElse("");
        char delimiter = firstLine.indexOf(';') >= 0 && firstLine.indexOf(',') < 0 ? ';' : ',';
        try {
            return parse(new java.io.StringReader(text), delimiter);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Parsed parse(Reader reader, char delimiter) throws IOException {
        List<RowError> errors = new ArrayList<>();
        Map<String, Builder> devices = new LinkedHashMap<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get();
        long rows = 0;
        try (CSVParser csv = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Map<String, Integer> columns = columns(csv.getHeaderNames(), errors);
            if (!errors.isEmpty()) {
                return new Parsed(List.of(), errors, 0);
            }
            for (CSVRecord record : csv) {
                rows++;
                if (rows > MAX_ROWS) {
                    errors.add(new RowError(0, "The file has more than " + MAX_ROWS + " lines; please split it."));
                    break;
                }
                row(new Row(record, columns, csv.getCurrentLineNumber()), devices, errors);
            }
        } catch (java.io.UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            errors.add(new RowError(0, "The file is not readable as CSV: " + e.getMessage()));
        }
        if (rows == 0 && errors.isEmpty()) {
            errors.add(new RowError(0, "The file has a header but no devices."));
        }
        List<CsvDevice> out = devices.values().stream().map(Builder::build).toList();
        errors.sort(java.util.Comparator.comparingLong(RowError::line));
        return new Parsed(out, errors, rows);
    }

    private static Map<String, Integer> columns(List<String> header, List<RowError> errors) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            if (COLUMNS.contains(name)) {
                columns.putIfAbsent(name, i);
            } else if (!name.isEmpty()) {
                errors.add(new RowError(1, "Unknown column '" + header.get(i) + "'. The columns are: " + String.join(", ", COLUMNS) + "."));
            }
        }
        for (String required : List.of("device", "lan_subnet")) {
            if (!columns.containsKey(required)) {
                errors.add(new RowError(1, "The column '" + required + "' is missing. Download the template to see the columns."));
            }
        }
        return columns;
    }

    private record Row(CSVRecord record, Map<String, Integer> columns, long line) {
        /**
         * The cell without the spaces around it. Only spaces: Commons CSV's trimming would also drop control
         * characters at either end, which must be seen (and refused) instead.
         */
        String get(String column) {
            Integer i = columns.get(column);
            String cell = i == null || i >= record.size() ? "" : record.get(i);
            int from = 0;
            int to = cell.length();
            while (from < to && cell.charAt(from) == ' ') {
                from++;
            }
            while (to > from && cell.charAt(to - 1) == ' ') {
                to--;
            }
            return cell.substring(from, to);
        }
    }

    private static void row(Row row, Map<String, Builder> devices, List<RowError> errors) {
        long line = row.line();
        String name = row.get("device");
        if (name.isEmpty()) {
            errors.add(new RowError(line, "The device name is empty."));
            return;
        }
        Optional<String> nameProblem = Text.problem(name, 100, false);
        if (nameProblem.isPresent()) {
            errors.add(new RowError(line, "The device name " + nameProblem.get()));
            return;
        }
        // keyed as the database's unique key compares names (NameKey): "press" and "PRESS" are one device
        String key = io.keyswitch.platform.NameKey.of(name);
        Builder device = devices.get(key);
        if (device == null) {
            device = new Builder(line, name);
            if (!device.first(row, errors)) {
                return;
            }
            devices.put(key, device);
        } else if (!device.name.equals(name)) {
            errors.add(new RowError(line, "Device '" + name + "': the same name as '" + device.name + "' on line " + device.line
                    + " (names that differ only in case or in the form of a letter are one name); write it the same way."));
            return;
        } else {
            device.again(row, errors);
        }
        device.component(row, errors);
    }

    /** Gathers one device's lines. */
    private static final class Builder {
        private final long line;
        private final String name;
        private String serial;
        private String project;
        private Ipv4Subnet lan;
        private String description;
        private final List<CsvComponent> components = new ArrayList<>();
        private final Set<String> componentNames = new HashSet<>();

        Builder(long line, String name) {
            this.line = line;
            this.name = name;
        }

        boolean first(Row row, List<RowError> errors) {
            Ipv4Subnet.Parsed parsed = Ipv4Subnet.parse(row.get("lan_subnet"));
            if (!parsed.ok()) {
                errors.add(new RowError(row.line(), "Device '" + name + "': " + (row.get("lan_subnet").isEmpty()
                        ? "the LAN subnet is empty." : lowerFirst(parsed.error()))));
                return false;
            }
            lan = parsed.subnet();
            serial = text(row, "serial_number", "the serial number", 64, false, errors);
            project = text(row, "project", "the project", 100, false, errors);
            description = text(row, "description", "the description", 1000, true, errors);
            return true;
        }

        /** A text column of the device, checked as it is in the file (a problem is named with the line); null when blank. */
        private String text(Row row, String column, String what, int max, boolean multiLine, List<RowError> errors) {
            String value = row.get(column);
            Optional<String> problem = Text.problem(value, max, multiLine);
            problem.ifPresent(p -> errors.add(new RowError(row.line(), "Device '" + name + "': " + what + " " + p)));
            return problem.isPresent() ? null : blankToNull(value);
        }

        /** A later line of the same device: its device columns are blank or the same as on the first. */
        void again(Row row, List<RowError> errors) {
            same(row, "serial_number", serial, errors);
            same(row, "project", project, errors);
            same(row, "lan_subnet", lan.toString(), errors);
            same(row, "description", description, errors);
        }

        private void same(Row row, String column, String first, List<RowError> errors) {
            String value = blankToNull(row.get(column));
            if (value == null) {
                return;
            }
            String normalized = column.equals("lan_subnet")
                    ? Optional.of(Ipv4Subnet.parse(value)).filter(Ipv4Subnet.Parsed::ok).map(p -> p.subnet().toString()).orElse(value)
                    : value;
            if (!normalized.equals(first)) {
                errors.add(new RowError(row.line(), "Device '" + name + "': " + column + " '" + value
                        + "' differs from line " + line + " ('" + (first == null ? "" : first) + "')."));
            }
        }

        void component(Row row, List<RowError> errors) {
            String cname = row.get("component");
            String ip = row.get("component_ip");
            String services = row.get("services");
            if (cname.isEmpty()) {
                if (!ip.isEmpty() || !services.isEmpty()) {
                    errors.add(new RowError(row.line(), "Device '" + name + "': the component has an address or services but no name."));
                }
                return;
            }
            List<String> problems = new ArrayList<>();
            Optional<String> nameProblem = Text.problem(cname, 100, false);
            if (nameProblem.isPresent()) {
                problems.add("the name " + nameProblem.get().replaceFirst("\\.$", ""));
            } else if (!componentNames.add(io.keyswitch.platform.NameKey.of(cname))) {
                problems.add("the device already has a component named '" + cname + "'");
            }
            Optional<Long> address = Ipv4Address.parse(ip);
            if (address.isEmpty()) {
                problems.add(ip.isEmpty() ? "the IP address is empty" : "'" + ip + "' is not an IPv4 address");
            } else if (!lan.containsHost(address.get())) {
                problems.add(ip + " is not a host address in the device's LAN " + lan);
            }
            ServiceList.Parsed list = ServiceList.parse(services.isEmpty() ? null : services);
            if (!list.ok()) {
                problems.add(String.join(" ", list.errors()));
            }
            Boolean web2go = yesNo(row.get("web2go"));
            if (web2go == null) {
                problems.add("web2go must be yes or no, not '" + row.get("web2go") + "'");
            }
            if (!problems.isEmpty()) {
                errors.add(new RowError(row.line(), "Device '" + name + "', component '" + cname + "': "
                        + String.join("; ", problems) + "."));
                return;
            }
            components.add(new CsvComponent(row.line(), cname, ip, list.list().toString(), web2go));
        }

        CsvDevice build() {
            return new CsvDevice(line, name, serial, project, lan, description, List.copyOf(components));
        }
    }

    private static Boolean yesNo(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "", "no", "n", "false", "0", "nein" -> Boolean.FALSE;
            case "yes", "y", "true", "1", "ja", "x" -> Boolean.TRUE;
            default -> null;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
