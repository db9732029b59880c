package io.keyswitch.audit.report;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.UtcInstantConverter;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.report.ReportColumn;
import io.keyswitch.report.ReportFilter;
import io.keyswitch.report.ReportKind;
import io.keyswitch.report.ReportPage;
import io.keyswitch.report.ReportRow;
import io.keyswitch.report.ReportTotals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The user protocol: what people did, from the audit trail — every login (web and VPN, signed in, wrong password or
 * code, refused), with its source address and the second factor used ({@link LoginFactor}), every logout, and every
 * change a user made, with its reason and the fields it changed. Of all users or of one (the filter's user), in a
 * period. An account's holders of {@code audit:view} (the right the audit page needs) read their own account's;
 * system administrators any account's, or all accounts' (then also the failed logins naming no account). Rows are
 * audit events, newest first, keyed by their id; a page is one query of the form {@code WHERE account_id = ? [AND
 * actor_user_id = ?] [AND id < ?] ORDER BY id DESC LIMIT n}, or in a period in time order ({@link Periods}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class UserProtocol implements ReportKind {

    static final String NAME = "user-protocol";

    /** The most rows one page reads. */
    static final int MAX_PAGE = 10_000;

    private static final List<ReportColumn> COLUMNS = List.of(ReportColumn.of("Time", 11), ReportColumn.of("Account", 8),
            ReportColumn.of("User", 11), ReportColumn.of("Action", 9), ReportColumn.of("Target", 10),
            ReportColumn.of("Outcome", 7), ReportColumn.of("Source address", 9), ReportColumn.of("Factor", 8),
            ReportColumn.of("Reason", 13), ReportColumn.of("Changes", 14));

    /** The events of users: theirs ({@code actor_user_id} set), and every login try, also of a name no user has. */
    private static final String USERS_EVENTS = "(e.actor_user_id IS NOT NULL OR e.action IN ("
            + LoginFactor.LOGIN_ACTIONS.stream().sorted().map(a -> "'" + a + "'").collect(Collectors.joining(", ")) + "))";

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    /** Whose events a run reads: one account's or (a system administrator's choice) all; one user's or all users'. */
    record Scope(Long accountId, Long userId) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "User protocol";
    }

    @Override
    public boolean allowedFor(Actor actor) {
        return actor.rights().test(Rights.AUDIT_VIEW) || actor.rights().test(Rights.ACCOUNT_MANAGE);
    }

    @Override
    public Map<String, String> describe(Actor actor, ReportFilter filter) {
        Scope scope = scope(actor, filter);
        Map<String, String> words = new LinkedHashMap<>();
        words.put("Period", Periods.words(filter));
        words.put("Account", scope.accountId() == null ? "all accounts" : accountName(scope.accountId()));
        words.put("User", scope.userId() == null ? "all users" : userName(scope.userId()));
        words.put("Contains", "logins (web and VPN: signed in, failed, refused) with source address and second factor,"
                + " logouts, and the changes users made with their reasons; newest first");
        if (filter.projectId() != null || filter.deviceId() != null) {
            words.put("Not used", "the project and device filters (the user protocol is per account and user)");
        }
        return words;
    }

    @Override
    public List<ReportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public ReportPage page(Actor actor, ReportFilter filter, String after, int size) {
        Scope scope = scope(actor, filter);
        boolean inPeriod = filter.from() != null || filter.to() != null;
        Long afterId = inPeriod ? null : ReportPage.idAfter(after);
        Periods.TimeKey afterTime = inPeriod ? Periods.TimeKey.parse(after) : null;
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT e.id, e.occurred_at, a.name, e.actor, e.action, e.target, e.outcome,"
                + " e.source_ip, e.reason, e.details FROM audit_event e LEFT JOIN account a ON a.id = e.account_id WHERE ");
        sql.append(where(scope, filter, params));
        if (afterId != null) {
            sql.append(" AND e.id < ?").append(params.size() + 1);
            params.add(afterId);
        }
        if (afterTime != null) {
            params.add(UtcInstantConverter.toColumn(afterTime.at()));
            int at = params.size();
            params.add(afterTime.id());
            sql.append(" AND (e.occurred_at < ?").append(at).append(" OR (e.occurred_at = ?").append(at)
                    .append(" AND e.id < ?").append(params.size()).append("))");
        }
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        sql.append(inPeriod ? " ORDER BY e.occurred_at DESC, e.id DESC LIMIT " : " ORDER BY e.id DESC LIMIT ").append(limit);
        List<ReportRow> rows = new ArrayList<>();
        for (Object r : bind(em.createNativeQuery(sql.toString()), params).getResultList()) {
            Object[] c = (Object[]) r;
            String action = (String) c[4];
            String details = (String) c[9];
            String reason = (String) c[8];
            Instant at = UtcInstantConverter.fromColumn(c[1]);
            String key = inPeriod ? new Periods.TimeKey(at, ((Number) c[0]).longValue()).text() : c[0].toString();
            rows.add(new ReportRow(key, List.of(Formats.timeOf(at),
                    text(c[2]), text(c[3]), action, text(c[5]), text(c[6]), text(c[7]),
                    LoginFactor.of(action, details, reason), text(reason), LoginFactor.LOGIN_ACTIONS.contains(action) ? ""
                            : text(details))));
        }
        return ReportPage.of(rows, limit);
    }

    /** Per user: logins signed in, failed or refused logins and second steps, and the other events (changes). */
    @Override
    public List<ReportTotals> totals(Actor actor, ReportFilter filter) {
        Scope scope = scope(actor, filter);
        List<Object> params = new ArrayList<>();
        String logins = LoginFactor.LOGIN_ACTIONS.stream().sorted().map(a -> "'" + a + "'").collect(Collectors.joining(", "));
        String sql = "SELECT COALESCE(MAX(CONCAT(a.name, '/', u.username)), '(a name no user has)'),"
                + " SUM(e.action IN ('login', 'vpn.login') AND e.outcome = 'SUCCESS'),"
                + " SUM(e.action IN (" + logins + ") AND e.outcome <> 'SUCCESS'),"
                + " SUM(e.action NOT IN (" + logins + ")), COUNT(*)"
                + " FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_user_id LEFT JOIN account a ON a.id = u.account_id"
                + " WHERE " + where(scope, filter, params)
                + " GROUP BY e.actor_user_id ORDER BY COUNT(*) DESC LIMIT 500";
        List<List<String>> rows = new ArrayList<>();
        for (Object r : bind(em.createNativeQuery(sql), params).getResultList()) {
            Object[] c = (Object[]) r;
            rows.add(List.of(text(c[0]), number(c[1]), number(c[2]), number(c[3])));
        }
        return List.of(new ReportTotals("Per user", List.of(ReportColumn.of("User", 40), ReportColumn.of("Logins", 20),
                ReportColumn.of("Failed or refused", 20), ReportColumn.of("Changes and other events", 20)), rows));
    }

    /** The WHERE of the scope and the period, with its parameters added to {@code params}. */
    private static String where(Scope scope, ReportFilter filter, List<Object> params) {
        List<String> conditions = new ArrayList<>();
        if (scope.accountId() != null) {
            params.add(scope.accountId());
            conditions.add("e.account_id = ?" + params.size());
        }
        if (scope.userId() != null) {
            params.add(scope.userId());
            conditions.add("e.actor_user_id = ?" + params.size());
        } else {
            conditions.add(USERS_EVENTS);
        }
        if (filter.from() != null) {
            params.add(UtcInstantConverter.toColumn(filter.from()));
            conditions.add("e.occurred_at >= ?" + params.size());
        }
        if (filter.to() != null) {
            params.add(UtcInstantConverter.toColumn(filter.to()));
            conditions.add("e.occurred_at < ?" + params.size());
        }
        return String.join(" AND ", conditions);
    }

    /**
     * The accounts and user the actor may read: a system administrator the filter's account or all; anyone else with
     * {@code audit:view} their own account only (another account's is {@link Forbidden}); the filter's user must be
     * in that scope, else it is refused like a user that does not exist.
     */
    Scope scope(Actor actor, ReportFilter filter) {
        boolean admin = actor.rights().test(Rights.ACCOUNT_MANAGE);
        Long account;
        if (admin) {
            account = filter.accountId();
            if (account != null && accountName(account) == null) {
                throw ValidationFailed.of("account", "There is no such account.");
            }
        } else {
            actor.require(Rights.AUDIT_VIEW);
            if (filter.accountId() != null && filter.accountId() != actor.accountId()) {
                throw Forbidden.because("Only system administrators read another account's user protocol.");
            }
            account = actor.accountId();
        }
        if (filter.userId() != null) {
            List<?> owner = em.createNativeQuery("SELECT account_id FROM app_user WHERE id = ?1")
                    .setParameter(1, filter.userId()).getResultList();
            if (owner.isEmpty() || (account != null && ((Number) owner.get(0)).longValue() != account)) {
                throw ValidationFailed.of("user", "There is no such user in this account.");
            }
        }
        return new Scope(account, filter.userId());
    }

    private String accountName(long id) {
        List<?> names = em.createNativeQuery("SELECT name FROM account WHERE id = ?1").setParameter(1, id).getResultList();
        return names.isEmpty() ? null : (String) names.get(0);
    }

    private String userName(long id) {
        Object name = em.createNativeQuery("SELECT CONCAT(a.name, '/', u.username) FROM app_user u JOIN account a"
                + " ON a.id = u.account_id WHERE u.id = ?1").setParameter(1, id).getSingleResult();
        return (String) name;
    }

    private static Query bind(Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String number(Object value) {
        return value == null ? "0" : Long.toString(((Number) value).longValue());
    }
}
