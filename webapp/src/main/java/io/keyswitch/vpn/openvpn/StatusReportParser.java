package io.keyswitch.vpn.openvpn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Reads the {@code CLIENT_LIST} rows of {@code status 3} (tab-separated) or {@code status 2} (comma-separated)
 * output. Columns are found by the {@code HEADER,CLIENT_LIST} row, so a column added by a newer OpenVPN does not
 * shift the others; without a header, OpenVPN 2.5/2.6's order is assumed. A bad row is logged and skipped.
 */
public final class StatusReportParser {

    private static final Logger LOG = Logger.getLogger(StatusReportParser.class.getName());
    private static final List<String> DEFAULT_COLUMNS = List.of("Common Name", "Real Address", "Virtual Address",
            "Virtual IPv6 Address", "Bytes Received", "Bytes Sent", "Connected Since", "Connected Since (time_t)",
            "Username", "Client ID", "Peer ID", "Data Channel Cipher");

    private StatusReportParser() {
    }

    public static List<ConnectedClient> parse(List<String> lines) {
        Map<String, Integer> columns = index(DEFAULT_COLUMNS);
        List<ConnectedClient> clients = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split(line.indexOf('\t') >= 0 ? "\t" : ",", -1);
            if (fields.length > 2 && fields[0].equals("HEADER") && fields[1].equals("CLIENT_LIST")) {
                columns = index(List.of(fields).subList(2, fields.length));
            } else if (fields[0].equals("CLIENT_LIST")) {
                try {
                    clients.add(row(fields, columns));
                } catch (RuntimeException e) {
                    LOG.warning(() -> "Status row skipped: " + e.getMessage());
                }
            }
        }
        return clients;
    }

    private static Map<String, Integer> index(List<String> names) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            columns.put(names.get(i), i + 1);
        }
        return columns;
    }

    private static ConnectedClient row(String[] fields, Map<String, Integer> columns) {
        return new ConnectedClient(
                Long.parseUnsignedLong(field(fields, columns, "Client ID")),
                field(fields, columns, "Common Name"),
                field(fields, columns, "Username"),
                field(fields, columns, "Real Address"),
                field(fields, columns, "Virtual Address"),
                Long.parseUnsignedLong(field(fields, columns, "Bytes Received")),
                Long.parseUnsignedLong(field(fields, columns, "Bytes Sent")),
                Instant.ofEpochSecond(Long.parseLong(field(fields, columns, "Connected Since (time_t)"))));
    }

    private static String field(String[] fields, Map<String, Integer> columns, String name) {
        Integer at = columns.get(name);
        if (at == null || at >= fields.length) {
            throw new IllegalArgumentException("no column '" + name + "'");
        }
        return fields[at];
    }
}
