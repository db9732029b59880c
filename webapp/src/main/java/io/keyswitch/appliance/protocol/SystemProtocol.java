package io.keyswitch.appliance.protocol;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The system protocol, for system administrators only: the appliance's own events, newest first, merged from two
 * sources. The appliance's audit trail (the chain outside any account, {@code chain_key = 0}): the portal's start and
 * stop, OpenVPN servers started, login bans and their lifting, alarm messages the mail server or SMS gateway did not
 * take, HTTPS certificate expiry warnings, low disk space, the audit chain checks, refused setup codes, logins naming
 * no account. And, where the portal can read it ({@link Journal}), the journal of the units keyswitch-portal,
 * openvpn-server@* and mariadb. A page reads each source once (the audit trail by {@code WHERE chain_key = 0
 * [AND occurred_at >= ? AND occurred_at < ?] [AND id < ?] ORDER BY id DESC LIMIT n}) and continues by a
 * {@link ProtocolKey} that holds the position in both.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SystemProtocol implements ReportKind {

    static final String NAME = "system-protocol";

    private static final List<ReportColumn> COLUMNS = List.of(ReportColumn.of("Time", 11), ReportColumn.of("Source", 6),
            ReportColumn.of("Event", 10), ReportColumn.of("By / unit", 11), ReportColumn.of("Target", 11),
            ReportColumn.of("Outcome", 7), ReportColumn.of("Source address", 9), ReportColumn.of("Message", 35));

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    Journal journal;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "System protocol";
    }

    @Override
    public boolean allowedFor(Actor actor) {
        return actor.rights().test(Rights.ACCOUNT_MANAGE);
    }

    @Override
    public Map<String, String> describe(Actor actor, ReportFilter filter) {
        actor.require(Rights.ACCOUNT_MANAGE);
        Map<String, String> words = new LinkedHashMap<>();
        words.put("Period", filter.from() == null && filter.to() == null ? "all time"
                : (filter.from() == null ? "the beginning" : Formats.timeOf(filter.from())) + " – "
                        + (filter.to() == null ? "now" : Formats.timeOf(filter.to())));
        words.put("Portal's records", "the appliance's audit trail: portal start and stop, OpenVPN servers started,"
                + " login bans, undelivered alarm mail and SMS, certificate expiry, low disk space, audit chain checks");
        Journal.Availability j = journal.availability();
        words.put("Journal", j.available() ? j.detail() : "not available: " + j.detail());
        if (filter.accountId() != null || filter.projectId() != null || filter.deviceId() != null || filter.userId() != null) {
            words.put("Not used", "the account, project, device and user filters (the system protocol is the appliance's)");
        }
        return words;
    }

    @Override
    public List<ReportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public ReportPage page(Actor actor, ReportFilter filter, String after, int size) {
        actor.require(Rights.ACCOUNT_MANAGE);
        int limit = Math.max(1, Math.min(size, 10_000));
        ProtocolKey key = ProtocolKey.parse(after);
        List<Object[]> audit = audit(filter, key.auditBefore(), limit);
        List<JournalEntry> entries = journal.read(filter.from(), filter.to(), key.journalBefore(), limit);
        List<ReportRow> rows = new ArrayList<>();
        int a = 0;
        int j = 0;
        while (rows.size() < limit && (a < audit.size() || j < entries.size())) {
            Instant auditAt = a < audit.size() ? UtcInstantConverter.fromColumn(audit.get(a)[1]) : null;
            if (j >= entries.size() || (auditAt != null && !auditAt.isBefore(entries.get(j).at()))) {
                Object[] c = audit.get(a++);
                key = key.afterAudit(((Number) c[0]).longValue());
                rows.add(new ReportRow(key.text(), List.of(Formats.timeOf(auditAt), "portal", text(c[2]), text(c[3]),
                        text(c[4]), text(c[5]), text(c[6]), message(c[7], c[8]))));
            } else {
                JournalEntry e = entries.get(j++);
                key = key.afterJournal(e.cursor());
                rows.add(new ReportRow(key.text(), List.of(Formats.timeOf(e.at()), "journal", e.priorityName(), e.unit(),
                        "", "", "", e.message())));
            }
        }
        boolean more = (a < audit.size() || audit.size() == limit) || (j < entries.size() || entries.size() == limit);
        return new ReportPage(rows, more && !rows.isEmpty() ? key.text() : null);
    }

    /** Per event of the portal's records in the period: how many, and how many of them failed. */
    @Override
    public List<ReportTotals> totals(Actor actor, ReportFilter filter) {
        actor.require(Rights.ACCOUNT_MANAGE);
        List<Object> params = new ArrayList<>();
        String sql = "SELECT e.action, COUNT(*), SUM(e.outcome <> 'SUCCESS') FROM audit_event e WHERE " + where(filter, params)
                + " GROUP BY e.action ORDER BY e.action";
        List<List<String>> rows = new ArrayList<>();
        for (Object r : bind(em.createNativeQuery(sql), params).getResultList()) {
            Object[] c = (Object[]) r;
            rows.add(List.of(text(c[0]), Long.toString(((Number) c[1]).longValue()),
                    c[2] == null ? "0" : Long.toString(((Number) c[2]).longValue())));
        }
        return List.of(new ReportTotals("Per event (portal's records)", List.of(ReportColumn.of("Event", 50),
                ReportColumn.of("Events", 25), ReportColumn.of("Failed or refused", 25)), rows));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> audit(ReportFilter filter, Long before, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT e.id, e.occurred_at, e.action, e.actor, e.target, e.outcome,"
                + " e.source_ip, e.details, e.reason FROM audit_event e WHERE ").append(where(filter, params));
        if (before != null) {
            params.add(before);
            sql.append(" AND e.id < ?").append(params.size());
        }
        sql.append(" ORDER BY e.id DESC LIMIT ").append(limit);
        return bind(em.createNativeQuery(sql.toString()), params).getResultList();
    }

    private static String where(ReportFilter filter, List<Object> params) {
        StringBuilder where = new StringBuilder("e.chain_key = 0");
        if (filter.from() != null) {
            params.add(UtcInstantConverter.toColumn(filter.from()));
            where.append(" AND e.occurred_at >= ?").append(params.size());
        }
        if (filter.to() != null) {
            params.add(UtcInstantConverter.toColumn(filter.to()));
            where.append(" AND e.occurred_at < ?").append(params.size());
        }
        return where.toString();
    }

    private static Query bind(Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }

    /** The details, then the reason after " — ". */
    private static String message(Object details, Object reason) {
        String d = text(details);
        String r = text(reason);
        return d.isEmpty() ? r : r.isEmpty() ? d : d + " — " + r;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
