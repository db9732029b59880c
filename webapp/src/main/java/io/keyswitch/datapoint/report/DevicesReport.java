package io.keyswitch.datapoint.report;

import io.keyswitch.access.AccessService;
import io.keyswitch.datapoint.DeviceReports;
import io.keyswitch.datapoint.Presence;
import io.keyswitch.datapoint.presence.Channel;
import io.keyswitch.datapoint.presence.OnlineTime;
import io.keyswitch.datapoint.presence.PresenceChange;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.UtcInstantConverter;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.report.ReportColumn;
import io.keyswitch.report.ReportFilter;
import io.keyswitch.report.ReportKind;
import io.keyswitch.report.ReportPage;
import io.keyswitch.report.ReportRow;
import io.keyswitch.report.ReportTotals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The devices report: one row per device, newest device first (keyed by its id), with its online history in the period
 * (time online and its share, how often it went online or offline — from {@code device_presence_change}, both
 * channels —, whether it is online now and when it was last seen), its data volume (the bytes of technician connections
 * asked for in the period, from {@code connection}; the bytes of its own tunnel sessions that ended in the period, from
 * the recorded tunnel changes, plus the live session's when the period reaches now, from {@code device_vpn_status})
 * and its alarms raised in the period (how many, how many of them acknowledged, how many still active). A page is one
 * read of a page of devices, then one grouped read per source for those ids only. The user filter does not apply.
 * Totals per project.
 */
@ApplicationScoped
public class DevicesReport implements ReportKind {

    private static final List<ReportColumn> COLUMNS = List.of(ReportColumn.of("Device", 3), ReportColumn.of("Account", 2),
            ReportColumn.of("Project", 2), ReportColumn.of("Now", 1.4f), ReportColumn.of("Last seen", 2.6f),
            ReportColumn.of("Time online", 2.2f), ReportColumn.of("Online %", 1.2f), ReportColumn.of("On/off changes", 1.3f),
            ReportColumn.of("Connections", 1.3f), ReportColumn.of("Connection data", 1.6f),
            ReportColumn.of("Tunnel data", 1.6f), ReportColumn.of("Alarms", 1.1f), ReportColumn.of("Acknowledged", 1.4f),
            ReportColumn.of("Still active", 1.2f));

    private static final List<ReportColumn> TOTAL_COLUMNS = List.of(ReportColumn.of("Project", 4),
            ReportColumn.of("Devices", 1.2f), ReportColumn.of("Connections", 1.4f), ReportColumn.of("Connection data", 1.8f),
            ReportColumn.of("Tunnel data", 1.8f), ReportColumn.of("Alarms", 1.2f), ReportColumn.of("Acknowledged", 1.4f),
            ReportColumn.of("Still active", 1.4f));

    /** Projects the totals list at most (the largest first). */
    static final int MAX_TOTALS = 500;

    private static final String PAGE = """
            SELECT d.id, d.name, a.name, p.name, r.last_report_at, v.online, v.last_seen, v.bytes_in, v.bytes_out, %s
            FROM device d JOIN account a ON a.id = d.account_id LEFT JOIN project p ON p.id = d.project_id
            LEFT JOIN device_report r ON r.device_id = d.id LEFT JOIN device_vpn_status v ON v.device_id = d.id
            WHERE %s ORDER BY d.id DESC LIMIT ?""";

    /** A channel's state before the period: its last change before the start. */
    private static final String BEFORE = "(SELECT c.online FROM device_presence_change c WHERE c.device_id = d.id"
            + " AND c.channel = '%s' AND c.at < ? ORDER BY c.at DESC LIMIT 1)";

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AccessService access;

    @Inject
    DeviceReports reports;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "devices";
    }

    @Override
    public String title() {
        return "Devices";
    }

    @Override
    public boolean allowedFor(Actor actor) {
        return DeviceScope.allowed(actor);
    }

    @Override
    @Transactional
    public Map<String, String> describe(Actor actor, ReportFilter filter) {
        return describe(DeviceScope.of(actor, filter, access), filter);
    }

    /** The filter in words; a project or device out of the scope is {@link NotFound}. */
    private Map<String, String> describe(DeviceScope scope, ReportFilter filter) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Period", (filter.from() == null ? "the beginning" : Formats.timeOf(filter.from())) + " – "
                + (filter.to() == null ? "now" : Formats.timeOf(filter.to())));
        out.put("Account", scope.accountId() == null ? "all accounts" : name("SELECT name, id FROM account WHERE id = ?",
                scope.accountId(), null, "account"));
        if (filter.projectId() != null) {
            out.put("Project", name("SELECT name, account_id FROM project WHERE id = ?", filter.projectId(), scope.accountId(),
                    "project"));
        }
        if (filter.deviceId() != null) {
            String device = name("SELECT name, account_id FROM device WHERE id = ?", filter.deviceId(), scope.accountId(), "device");
            if (scope.granted() != null && !scope.granted().contains(filter.deviceId())) {
                throw new NotFound("device");
            }
            out.put("Device", device);
        }
        if (scope.granted() != null) {
            out.put("Devices", "those your grants reach");
        }
        return out;
    }

    /** A thing's name by id, {@link NotFound} when it does not exist or is not of {@code accountId} (null: any). */
    private String name(String sql, long id, Long accountId, String what) {
        List<?> rows = em.createNativeQuery(sql).setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw new NotFound(what);
        }
        Object[] r = (Object[]) rows.get(0);
        if (accountId != null && ((Number) r[1]).longValue() != accountId) {
            throw new NotFound(what);
        }
        return (String) r[0];
    }

    @Override
    public List<ReportColumn> columns() {
        return COLUMNS;
    }

    @Override
    @Transactional
    public ReportPage page(Actor actor, ReportFilter filter, String after, int size) {
        DeviceScope scope = DeviceScope.of(actor, filter, access);
        describe(scope, filter); // a project or device out of reach is not found here either (a few key reads)
        Long afterId = ReportPage.idAfter(after);
        Instant now = clock.instant();
        List<Object> params = new ArrayList<>();
        String before;
        if (filter.from() == null) {
            before = "NULL, NULL";
        } else {
            before = BEFORE.formatted(Channel.REPORT) + ", " + BEFORE.formatted(Channel.TUNNEL);
            params.add(UtcInstantConverter.toColumn(filter.from()));
            params.add(UtcInstantConverter.toColumn(filter.from()));
        }
        String where = scope.where(params);
        if (afterId != null) {
            where += " AND d.id < ?";
            params.add(afterId);
        }
        params.add(size);
        List<Device> devices = new ArrayList<>();
        for (Object row : bind(em.createNativeQuery(PAGE.formatted(before, where)), params).getResultList()) {
            devices.add(Device.of((Object[]) row));
        }
        if (devices.isEmpty()) {
            return ReportPage.of(List.of(), size);
        }
        List<Long> ids = devices.stream().map(Device::id).toList();
        Map<Long, List<PresenceChange>> changes = changes(ids, filter);
        Map<Long, long[]> connections = grouped("SELECT c.device_id, COUNT(*), SUM(c.bytes_to_device + c.bytes_from_device)"
                + " FROM connection c WHERE c.device_id IN (%s)" + period("c.requested_at", filter) + " GROUP BY c.device_id",
                ids, filter);
        Map<Long, long[]> alarms = grouped("SELECT a.device_id, COUNT(*), SUM(a.acknowledged_at IS NOT NULL),"
                + " SUM(a.cleared_at IS NULL) FROM alarm a WHERE a.device_id IN (%s)" + period("a.raised_at", filter)
                + " GROUP BY a.device_id", ids, filter);
        Instant end = filter.to() == null || filter.to().isAfter(now) ? now : filter.to();
        boolean reachesNow = filter.to() == null || filter.to().isAfter(now);
        List<ReportRow> rows = new ArrayList<>();
        for (Device d : devices) {
            List<PresenceChange> history = new ArrayList<>(changes.getOrDefault(d.id(), List.of()));
            d.before(filter.from()).forEach(history::add);
            OnlineTime online = filter.from() != null && !filter.from().isBefore(end) ? OnlineTime.NONE
                    : OnlineTime.of(history, filter.from(), end);
            long tunnelBytes = history.stream().filter(c -> c.channel() == Channel.TUNNEL && !c.online()
                            && (filter.from() == null || !c.at().isBefore(filter.from())))
                    .mapToLong(c -> nz(c.bytesIn()) + nz(c.bytesOut())).sum()
                    + (reachesNow && d.tunnelUp() ? d.tunnelBytes() : 0);
            Presence presence = Presence.of(d.lastReport(), d.tunnelUp(), d.tunnelSeen(), now, reports.settings().offlineAfter());
            long[] c = connections.getOrDefault(d.id(), new long[2]);
            long[] a = alarms.getOrDefault(d.id(), new long[3]);
            rows.add(new ReportRow(Long.toString(d.id()), List.of(d.name(), d.account(), d.project() == null ? "" : d.project(),
                    presence.text(), Formats.timeOf(presence.lastSeen()), Formats.durationOf(online.online()),
                    String.format(Locale.ROOT, "%.1f", online.percent()), Integer.toString(online.transitions()),
                    Long.toString(c[0]), Formats.bytesOf(c[1]), Formats.bytesOf(tunnelBytes), Long.toString(a[0]),
                    Long.toString(a[1]), Long.toString(a[2]))));
        }
        return ReportPage.of(rows, size);
    }

    @Override
    @Transactional
    public List<ReportTotals> totals(Actor actor, ReportFilter filter) {
        DeviceScope scope = DeviceScope.of(actor, filter, access);
        describe(scope, filter);
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, long[]> sums = new HashMap<>();
        List<Object> params = new ArrayList<>();
        String where = scope.where(params);
        params.add(MAX_TOTALS);
        for (Object row : bind(em.createNativeQuery("SELECT COALESCE(d.project_id, -d.account_id), a.name, p.name, COUNT(*)"
                + " FROM device d JOIN account a ON a.id = d.account_id LEFT JOIN project p ON p.id = d.project_id WHERE "
                + where + " GROUP BY COALESCE(d.project_id, -d.account_id), a.name, p.name ORDER BY COUNT(*) DESC, a.name,"
                + " p.name LIMIT ?"), params).getResultList()) {
            Object[] r = (Object[]) row;
            long key = ((Number) r[0]).longValue();
            names.put(key, (scope.accountId() == null ? r[1] + " / " : "") + (r[2] == null ? "(no project)" : r[2]));
            sums.put(key, new long[] {((Number) r[3]).longValue(), 0, 0, 0, 0, 0, 0});
        }
        add(sums, 1, "SELECT COALESCE(d.project_id, -d.account_id), COUNT(*), SUM(c.bytes_to_device + c.bytes_from_device)"
                + " FROM connection c JOIN device d ON d.id = c.device_id WHERE %s" + period("c.requested_at", filter)
                + " GROUP BY COALESCE(d.project_id, -d.account_id)", scope, filter);
        add(sums, 3, "SELECT COALESCE(d.project_id, -d.account_id), SUM(COALESCE(c.bytes_in, 0) + COALESCE(c.bytes_out, 0))"
                + " FROM device_presence_change c JOIN device d ON d.id = c.device_id WHERE %s AND c.channel = 'TUNNEL'"
                + " AND NOT c.online" + period("c.at", filter) + " GROUP BY COALESCE(d.project_id, -d.account_id)", scope, filter);
        add(sums, 4, "SELECT COALESCE(d.project_id, -d.account_id), COUNT(*), SUM(a.acknowledged_at IS NOT NULL),"
                + " SUM(a.cleared_at IS NULL) FROM alarm a JOIN device d ON d.id = a.device_id WHERE %s"
                + period("a.raised_at", filter) + " GROUP BY COALESCE(d.project_id, -d.account_id)", scope, filter);
        List<List<String>> rows = new ArrayList<>();
        names.forEach((key, name) -> {
            long[] s = sums.get(key);
            rows.add(List.of(name, Long.toString(s[0]), Long.toString(s[1]), Formats.bytesOf(s[2]), Formats.bytesOf(s[3]),
                    Long.toString(s[4]), Long.toString(s[5]), Long.toString(s[6])));
        });
        return List.of(new ReportTotals("Per project", TOTAL_COLUMNS, rows));
    }

    /** Adds a grouped read's sums (after its key) into {@code sums} from index {@code at}, for the projects listed. */
    private void add(Map<Long, long[]> sums, int at, String sql, DeviceScope scope, ReportFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = scope.where(params);
        params.addAll(periodParams(filter));
        for (Object row : bind(em.createNativeQuery(sql.formatted(where)), params).getResultList()) {
            Object[] r = (Object[]) row;
            long[] s = sums.get(((Number) r[0]).longValue());
            if (s != null) {
                for (int i = 1; i < r.length; i++) {
                    s[at + i - 1] += r[i] == null ? 0 : ((Number) r[i]).longValue();
                }
            }
        }
    }

    /** The changes of these devices in the period, by device. */
    private Map<Long, List<PresenceChange>> changes(List<Long> ids, ReportFilter filter) {
        Map<Long, List<PresenceChange>> out = new HashMap<>();
        String sql = "SELECT c.device_id, c.at, c.channel, c.online, c.bytes_in, c.bytes_out, c.account_id"
                + " FROM device_presence_change c WHERE c.device_id IN (" + DeviceScope.ids(ids) + ")" + period("c.at", filter);
        for (Object row : bind(em.createNativeQuery(sql), periodParams(filter)).getResultList()) {
            Object[] r = (Object[]) row;
            long device = ((Number) r[0]).longValue();
            out.computeIfAbsent(device, k -> new ArrayList<>()).add(new PresenceChange(((Number) r[6]).longValue(), device,
                    UtcInstantConverter.fromColumn(r[1]), Channel.valueOf((String) r[2]), bool(r[3]), longOrNull(r[4]), longOrNull(r[5])));
        }
        return out;
    }

    /** A grouped read by device id: each device's sums after its id. */
    private Map<Long, long[]> grouped(String sql, List<Long> ids, ReportFilter filter) {
        Map<Long, long[]> out = new HashMap<>();
        for (Object row : bind(em.createNativeQuery(sql.formatted(DeviceScope.ids(ids))), periodParams(filter)).getResultList()) {
            Object[] r = (Object[]) row;
            long[] sums = new long[r.length - 1];
            for (int i = 1; i < r.length; i++) {
                sums[i - 1] = r[i] == null ? 0 : ((Number) r[i]).longValue();
            }
            out.put(((Number) r[0]).longValue(), sums);
        }
        return out;
    }

    private static String period(String column, ReportFilter filter) {
        return (filter.from() == null ? "" : " AND " + column + " >= ?") + (filter.to() == null ? "" : " AND " + column + " < ?");
    }

    private static List<Object> periodParams(ReportFilter filter) {
        List<Object> params = new ArrayList<>();
        if (filter.from() != null) {
            params.add(UtcInstantConverter.toColumn(filter.from()));
        }
        if (filter.to() != null) {
            params.add(UtcInstantConverter.toColumn(filter.to()));
        }
        return params;
    }

    private static Query bind(Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }


    /** A device of a page as read, with its channels' states before the period. */
    private record Device(long id, String name, String account, String project, Instant lastReport, boolean tunnelUp,
                          Instant tunnelSeen, long tunnelBytes, Boolean reportBefore, Boolean tunnelBefore) {

        static Device of(Object[] r) {
            return new Device(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], UtcInstantConverter.fromColumn(r[4]),
                    r[5] != null && bool(r[5]), UtcInstantConverter.fromColumn(r[6]), nz(longOrNull(r[7])) + nz(longOrNull(r[8])),
                    r[9] == null ? null : bool(r[9]), r[10] == null ? null : bool(r[10]));
        }

        /** The states before the period as changes just before it (none: offline, nothing to add). */
        List<PresenceChange> before(Instant from) {
            List<PresenceChange> out = new ArrayList<>(2);
            if (from != null && reportBefore != null) {
                out.add(PresenceChange.of(0, id, from.minusMillis(1), Channel.REPORT, reportBefore));
            }
            if (from != null && tunnelBefore != null) {
                out.add(PresenceChange.of(0, id, from.minusMillis(1), Channel.TUNNEL, tunnelBefore));
            }
            return out;
        }
    }

    private static long nz(Long value) {
        return value == null ? 0 : value;
    }

    private static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static boolean bool(Object value) {
        return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
    }
}
