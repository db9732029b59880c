package io.keyswitch.connection.report;

import io.keyswitch.connection.CloseCause;
import io.keyswitch.connection.ConnectionComponent;
import io.keyswitch.connection.ConnectionFollowUp;
import io.keyswitch.connection.ConnectionService;
import io.keyswitch.connection.ConnectionState;
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
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The connections report: every connection record — who, which account, device, project and components, when asked
 * for and opened, for how long, bytes both ways, reason and order number, how it ended and by whom, its work report —
 * newest record first, keyed by the record's id; totals per device, per technician and per project. Whose records a
 * reader sees is {@link ConnectionReportScope}'s rule.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ConnectionReport implements ReportKind {

    /** Groups a totals table lists at most (those with the most connections). */
    static final int TOTALS_LIMIT = 100;

    private static final List<ReportColumn> COLUMNS = List.of(
            ReportColumn.of("No.", 0.6f), ReportColumn.of("Asked for", 1.3f), ReportColumn.of("Opened", 1.3f),
            ReportColumn.of("Duration", 0.9f), ReportColumn.of("Account", 0.8f), ReportColumn.of("Technician", 1.1f),
            ReportColumn.of("Device", 1f), ReportColumn.of("Project", 0.9f), ReportColumn.of("Components", 1.4f),
            ReportColumn.of("Reason", 1.4f), ReportColumn.of("Order number", 0.8f), ReportColumn.of("Bytes to device", 0.8f),
            ReportColumn.of("Bytes from device", 0.8f), ReportColumn.of("Ended", 1.5f), ReportColumn.of("Work report", 0.9f));

    private static final List<ReportColumn> SUMS = List.of(ReportColumn.of("Connections", 0.8f),
            ReportColumn.of("Total duration", 1.1f), ReportColumn.of("Bytes to device", 1f), ReportColumn.of("Bytes from device", 1f));

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    ConnectionService connections;

    @Inject
    Instance<ConnectionFollowUp> followUps;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "connections";
    }

    @Override
    public String title() {
        return "Connections";
    }

    @Override
    public boolean allowedFor(Actor actor) {
        return ConnectionReportScope.allowed(actor);
    }

    @Override
    public List<ReportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Map<String, String> describe(Actor actor, ReportFilter filter) {
        ConnectionReportScope scope = ConnectionReportScope.of(actor, filter);
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("Period (asked for)", period(filter));
        shown.put("Account", scope.everyAccount() ? "every account"
                : name("account", "SELECT name FROM account WHERE id = ?", scope.accountId()));
        if (scope.ownUserId() != null) {
            shown.put("Technician", actor.name() + " (own connections)");
        }
        Names names = names(scope, filter);
        names.project().ifPresent(n -> shown.put("Project", n));
        names.device().ifPresent(n -> shown.put("Device", n));
        names.user().ifPresent(n -> shown.put("User", n));
        return shown;
    }

    @Override
    public ReportPage page(Actor actor, ReportFilter filter, String after, int size) {
        ConnectionReportScope scope = ConnectionReportScope.of(actor, filter);
        Long afterId = ReportPage.idAfter(after);
        names(scope, filter);
        ConnectionReportSql sql = ConnectionReportSql.of(scope, filter);
        int limit = Math.max(1, Math.min(size, 1000));
        List<Object[]> records = rows(sql.page(afterId, limit), sql.pageParameters(afterId));
        List<Long> ids = records.stream().map(r -> ((Number) r[0]).longValue()).toList();
        Map<Long, List<ConnectionComponent>> components = connections.componentsOf(ids);
        Map<Long, String> followUp = followUp(ids);
        Instant now = clock.instant();
        List<ReportRow> rows = new ArrayList<>(records.size());
        for (Object[] r : records) {
            long id = ((Number) r[0]).longValue();
            rows.add(new ReportRow(String.valueOf(id), cells(r, components.getOrDefault(id, List.of()), followUp.get(id), now)));
        }
        return ReportPage.of(rows, limit);
    }

    @Override
    public List<ReportTotals> totals(Actor actor, ReportFilter filter) {
        ConnectionReportScope scope = ConnectionReportScope.of(actor, filter);
        names(scope, filter);
        ConnectionReportSql sql = ConnectionReportSql.of(scope, filter);
        Instant now = clock.instant();
        return List.of(sums("Per device", "Device", sql, "c.device_name", scope, now),
                sums("Per technician", "Technician", sql, "c.user_name", scope, now),
                sums("Per project", "Project", sql, "p.name", scope, now));
    }

    private ReportTotals sums(String title, String heading, ConnectionReportSql sql, String label, ConnectionReportScope scope,
                              Instant now) {
        List<Object[]> found = rows(sql.totals(label, TOTALS_LIMIT + 1), sql.totalsParameters(now));
        List<List<String>> rows = new ArrayList<>();
        for (Object[] r : found.subList(0, Math.min(found.size(), TOTALS_LIMIT))) {
            String name = r[1] == null ? "(none)" : (String) r[1];
            rows.add(List.of(scope.everyAccount() ? name + " · " + r[0] : name, String.valueOf(number(r[2])),
                    Formats.durationOf(Duration.ofSeconds(number(r[3]))), String.valueOf(number(r[4])), String.valueOf(number(r[5]))));
        }
        List<ReportColumn> columns = new ArrayList<>();
        columns.add(ReportColumn.of(heading, 2f));
        columns.addAll(SUMS);
        String shown = found.size() > TOTALS_LIMIT ? title + " (the " + TOTALS_LIMIT + " with the most connections)" : title;
        return new ReportTotals(shown, columns, rows);
    }

    private List<String> cells(Object[] r, List<ConnectionComponent> components, String followUp, Instant now) {
        Instant requested = UtcInstantConverter.fromColumn(r[8]);
        Instant opened = UtcInstantConverter.fromColumn(r[9]);
        Instant closed = UtcInstantConverter.fromColumn(r[10]);
        List<String> cells = new ArrayList<>(COLUMNS.size());
        cells.add(String.valueOf(r[0]));
        cells.add(Formats.timeOf(requested));
        cells.add(Formats.timeOf(opened));
        cells.add(opened == null ? "" : Formats.durationOf(Duration.between(opened, closed != null ? closed : now)));
        cells.add((String) r[1]);
        cells.add((String) r[2]);
        cells.add((String) r[3]);
        cells.add((String) r[4]);
        cells.add(components.stream().map(c -> c.getComponentName() + " " + c.getVirtualAddress() + " (" + c.getServices() + ")")
                .collect(Collectors.joining(", ")));
        cells.add((String) r[6]);
        cells.add((String) r[7]);
        cells.add(String.valueOf(number(r[11])));
        cells.add(String.valueOf(number(r[12])));
        cells.add(ended(ConnectionState.valueOf((String) r[5]), (String) r[13], (String) r[14], (String) r[15]));
        cells.add(followUp);
        return cells;
    }

    /** "ended by an administrator: maintenance over (alpha/anna)"; "open" or "waiting" while live. */
    static String ended(ConnectionState state, String cause, String by, String reason) {
        if (state != ConnectionState.CLOSED) {
            return state == ConnectionState.OPEN ? "open" : "waiting";
        }
        String words = cause == null ? "closed" : causeWords(cause);
        if (reason != null && !reason.isBlank()) {
            words += ": " + reason;
        }
        return by == null || by.isBlank() ? words : words + " (" + by + ")";
    }

    private static String causeWords(String cause) {
        try {
            return CloseCause.valueOf(cause).words();
        } catch (IllegalArgumentException unknown) {
            return cause;
        }
    }

    private Map<Long, String> followUp(List<Long> ids) {
        Map<Long, String> out = new java.util.HashMap<>();
        followUps.forEach(f -> out.putAll(f.of(ids)));
        return out;
    }


    static String period(ReportFilter filter) {
        if (filter.from() == null && filter.to() == null) {
            return "all time";
        }
        if (filter.to() == null) {
            return "from " + Formats.timeOf(filter.from());
        }
        if (filter.from() == null) {
            return "before " + Formats.timeOf(filter.to());
        }
        return Formats.timeOf(filter.from()) + " – " + Formats.timeOf(filter.to());
    }

    /** The filter's project, device and user by name; 404 for one the scope does not hold. */
    private Names names(ConnectionReportScope scope, ReportFilter filter) {
        return new Names(optionalName("project", "SELECT name FROM project", filter.projectId(), scope),
                optionalName("device", "SELECT name FROM device", filter.deviceId(), scope),
                optionalName("user", "SELECT username FROM app_user", filter.userId(), scope));
    }

    private java.util.Optional<String> optionalName(String what, String select, Long id, ConnectionReportScope scope) {
        if (id == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(scope.everyAccount() ? name(what, select + " WHERE id = ?", id)
                : name(what, select + " WHERE id = ? AND account_id = ?", id, scope.accountId()));
    }

    private String name(String what, String sql, Object... parameters) {
        Query q = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            q.setParameter(i + 1, parameters[i]);
        }
        List<?> found = q.getResultList();
        if (found.isEmpty()) {
            throw new NotFound(what + " " + parameters[0]);
        }
        return (String) found.get(0);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, List<Object> parameters) {
        Query q = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.size(); i++) {
            q.setParameter(i + 1, parameters.get(i));
        }
        return q.getResultList();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private record Names(java.util.Optional<String> project, java.util.Optional<String> device, java.util.Optional<String> user) {
    }
}
