package io.keyswitch.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of one kind of row within one account: the one place where a list's tenancy clause is written. It is made
 * with the account (so no list can leave it out), then narrowed by what a person typed ({@link #startsWith}) and by
 * the list's own conditions ({@link #and}), sorted by a whitelist ({@link Sorting}) or a fixed order, and asked for
 * its size ({@link #count}) and one page ({@link #page}) with the same conditions. The API's paged lists and the
 * pages' lazy tables ({@code PagedModel}) go through the services that build these.
 *
 * <pre>{@code
 * AccountScopedQuery.of(em, Device.class, "d", "accountId", actor.accountId())
 *         .startsWith(filter, "d.name", "d.serialNumber")
 *         .orderBy(SORTING, sortField, ascending)
 *         .page(first, size);
 * }</pre>
 */
public final class AccountScopedQuery<T> {

    /** The parameter that holds the account; no list's own condition may use it. */
    static final String ACCOUNT = "scopeAccount";
    private static final String PREFIX = "scopePrefix";

    private final EntityManager em;
    private final Class<T> type;
    private final String alias;
    private final StringBuilder where;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<String> fetches = new ArrayList<>();
    private String order = "";

    private AccountScopedQuery(EntityManager em, Class<T> type, String alias, String accountField, long accountId) {
        this.em = em;
        this.type = type;
        this.alias = alias;
        this.where = new StringBuilder(" WHERE " + alias + "." + accountField + " = :" + ACCOUNT);
        parameters.put(ACCOUNT, accountId);
    }

    /**
     * The rows of {@code type} (JPQL alias {@code alias}) whose {@code accountField} is {@code accountId}; for the audit
     * trail the field is the chain's key (an account's id, 0 for the appliance's own chain).
     */
    public static <T> AccountScopedQuery<T> of(EntityManager em, Class<T> type, String alias, String accountField, long accountId) {
        return new AccountScopedQuery<>(em, type, alias, accountField, accountId);
    }

    /** Only rows where one of {@code paths} starts with what a person typed (taken literally); blank: no narrowing. */
    public AccountScopedQuery<T> startsWith(String typed, String... paths) {
        if (typed == null || typed.isBlank()) {
            return this;
        }
        String param = PREFIX + parameters.size();
        List<String> likes = new ArrayList<>();
        for (String path : paths) {
            likes.add(path + " LIKE :" + param);
        }
        return and(String.join(" OR ", likes), param, Like.prefix(typed));
    }

    /** Only rows meeting {@code condition}, a JPQL condition without parameters. */
    public AccountScopedQuery<T> and(String condition) {
        where.append(" AND (").append(condition).append(')');
        return this;
    }

    /** Only rows meeting {@code condition}, whose one parameter {@code :param} is {@code value}. */
    public AccountScopedQuery<T> and(String condition, String param, Object value) {
        if (ACCOUNT.equals(param) || parameters.containsKey(param)) {
            throw new IllegalArgumentException("The parameter :" + param + " is taken");
        }
        parameters.put(param, value);
        return and(condition);
    }

    /** A fetch join of the page's rows (e.g. {@code LEFT JOIN FETCH d.project}); the count does not need it. */
    public AccountScopedQuery<T> fetch(String join) {
        fetches.add(join);
        return this;
    }

    /** A fixed order of the page (JPQL after {@code ORDER BY}). */
    public AccountScopedQuery<T> orderBy(String fixed) {
        order = " ORDER BY " + fixed;
        return this;
    }

    /** The order a table asked for, if {@code sorting} allows that field, else {@code sorting}'s first field. */
    public AccountScopedQuery<T> orderBy(Sorting sorting, String field, boolean ascending) {
        order = " ORDER BY " + sorting.clause(field, ascending);
        return this;
    }

    /** How many rows there are. */
    public long count() {
        return bind(em.createQuery(countJpql(), Long.class)).getSingleResult();
    }

    /** The rows from {@code first}, at most {@code size} of them. */
    public List<T> page(int first, int size) {
        return bind(em.createQuery(pageJpql(), type)).setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, size))
                .getResultList();
    }

    /** Every row (for lists that are small by nature, such as an account's groups). */
    public List<T> all() {
        return bind(em.createQuery(pageJpql(), type)).getResultList();
    }

    /**
     * Sums over the rows in groups, for the small tables under a report: {@code select} (e.g.
     * {@code "r.userName, COUNT(r), SUM(r.workingMinutes)"}) per {@code groupBy}, in its order, at most {@code limit}
     * groups; one query.
     */
    public List<Object[]> grouped(String select, String groupBy, int limit) {
        return bind(em.createQuery(groupedJpql(select, groupBy), Object[].class)).setMaxResults(limit).getResultList();
    }

    String groupedJpql(String select, String groupBy) {
        return "SELECT " + select + " FROM " + type.getSimpleName() + " " + alias + where + " GROUP BY " + groupBy + " ORDER BY "
                + groupBy;
    }

    String countJpql() {
        return "SELECT COUNT(" + alias + ") FROM " + type.getSimpleName() + " " + alias + where;
    }

    String pageJpql() {
        String joins = fetches.isEmpty() ? "" : " " + String.join(" ", fetches);
        return "SELECT " + alias + " FROM " + type.getSimpleName() + " " + alias + joins + where + order;
    }

    Map<String, Object> parameters() {
        return Map.copyOf(parameters);
    }

    private <R> TypedQuery<R> bind(TypedQuery<R> query) {
        parameters.forEach(query::setParameter);
        return query;
    }

    /**
     * The fields a table may sort by, each a key (what the table sends) and a JPQL path; the first is the default. A
     * tie-breaker (usually the id) follows every field that is not unique, so pages never overlap.
     */
    public static final class Sorting {

        private final Map<String, String> paths = new LinkedHashMap<>();
        private final List<String> unique = new ArrayList<>();
        private final String tieBreaker;

        private Sorting(String tieBreaker) {
            this.tieBreaker = tieBreaker;
        }

        /** A whitelist whose pages are made unique by {@code tieBreaker} (e.g. {@code d.id}). */
        public static Sorting tieBrokenBy(String tieBreaker) {
            return new Sorting(tieBreaker);
        }

        /** A field the table may sort by. */
        public Sorting field(String key, String path) {
            paths.put(key, path);
            return this;
        }

        /** A field unique within an account (its index alone gives the order: no tie-breaker). */
        public Sorting uniqueField(String key, String path) {
            unique.add(key);
            return field(key, path);
        }

        /** The JPQL after {@code ORDER BY}: the field asked for if allowed, else the first. */
        String clause(String key, boolean ascending) {
            String chosen = paths.containsKey(key) ? key : paths.keySet().iterator().next();
            return paths.get(chosen) + (ascending ? " ASC" : " DESC") + (unique.contains(chosen) ? "" : ", " + tieBreaker);
        }
    }
}
