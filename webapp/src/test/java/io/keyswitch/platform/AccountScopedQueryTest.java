package io.keyswitch.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.platform.AccountScopedQuery.Sorting;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Account-scoped lists: the tenancy clause is written once and cannot be left out or undone")
class AccountScopedQueryTest {

    /** A row type for the JPQL only: no database is asked. */
    static final class Device {
    }

    private static AccountScopedQuery<Device> devicesOf(long account) {
        return AccountScopedQuery.of(null, Device.class, "d", "accountId", account);
    }

    @Test
    @DisplayName("the count and the page both begin with the account's clause, bound to the account given")
    void countAndPageAreScoped() {
        AccountScopedQuery<Device> query = devicesOf(42);

        assertThat(query.countJpql()).isEqualTo("SELECT COUNT(d) FROM Device d WHERE d.accountId = :scopeAccount");
        assertThat(query.pageJpql()).isEqualTo("SELECT d FROM Device d WHERE d.accountId = :scopeAccount");
        assertThat(query.parameters()).containsEntry("scopeAccount", 42L);
    }

    @Test
    @DisplayName("a list's own conditions are added in parentheses, so an OR in them cannot reach other accounts")
    void conditionsCannotWidenTheScope() {
        AccountScopedQuery<Device> query = devicesOf(7).startsWith("Press", "d.name", "d.serialNumber")
                .and("d.status = :s OR 1 = 1", "s", "ACTIVE");

        assertThat(query.countJpql()).isEqualTo("SELECT COUNT(d) FROM Device d WHERE d.accountId = :scopeAccount"
                + " AND (d.name LIKE :scopePrefix1 OR d.serialNumber LIKE :scopePrefix1) AND (d.status = :s OR 1 = 1)");
        assertThat(query.parameters()).containsEntry("scopeAccount", 7L).containsEntry("scopePrefix1", "Press%");
    }

    @Test
    @DisplayName("a report's sums are grouped within the account and the list's own conditions")
    void groupedSumsAreScoped() {
        AccountScopedQuery<Device> query = devicesOf(7).and("d.projectId = :p", "p", 3L);

        assertThat(query.groupedJpql("d.status, COUNT(d)", "d.status")).isEqualTo("SELECT d.status, COUNT(d) FROM Device d"
                + " WHERE d.accountId = :scopeAccount AND (d.projectId = :p) GROUP BY d.status ORDER BY d.status");
    }

    @Test
    @DisplayName("no condition may bind the account's parameter to another account")
    void accountParameterIsReserved() {
        assertThatThrownBy(() -> devicesOf(7).and("d.accountId = :scopeAccount", "scopeAccount", 8L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> devicesOf(7).and("d.id = :x", "x", 1L).and("d.id <> :x", "x", 2L))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("what a person types is a literal prefix; blank narrows nothing")
    void typedTextIsAPrefix() {
        assertThat(devicesOf(1).startsWith("50%_off", "d.name").parameters()).containsEntry("scopePrefix1", "50\\%\\_off%");
        assertThat(devicesOf(1).startsWith("  ", "d.name").countJpql()).doesNotContain("LIKE");
        assertThat(devicesOf(1).startsWith("a", "d.name").startsWith("b", "d.serialNumber").parameters())
                .containsEntry("scopePrefix1", "a%").containsEntry("scopePrefix2", "b%");
    }

    @Test
    @DisplayName("a table sorts only by whitelisted fields, with a tie-breaker unless the field is unique")
    void sortWhitelist() {
        Sorting sorting = Sorting.tieBrokenBy("d.id").uniqueField("name", "d.name").field("lanSubnet", "d.lanSubnet");

        assertThat(devicesOf(1).orderBy(sorting, "lanSubnet", false).pageJpql()).endsWith(" ORDER BY d.lanSubnet DESC, d.id");
        assertThat(devicesOf(1).orderBy(sorting, "name", true).pageJpql()).endsWith(" ORDER BY d.name ASC");
        assertThat(devicesOf(1).orderBy(sorting, "password; DROP TABLE device", true).pageJpql())
                .endsWith(" ORDER BY d.name ASC");
        assertThat(devicesOf(1).orderBy(sorting, null, true).pageJpql()).endsWith(" ORDER BY d.name ASC");
    }

    @Test
    @DisplayName("a fetch join is the page's only: the count stays a plain count")
    void fetchOnlyInThePage() {
        AccountScopedQuery<Device> query = devicesOf(1).fetch("LEFT JOIN FETCH d.project").orderBy("d.name");

        assertThat(query.pageJpql()).isEqualTo("SELECT d FROM Device d LEFT JOIN FETCH d.project"
                + " WHERE d.accountId = :scopeAccount ORDER BY d.name");
        assertThat(query.countJpql()).doesNotContain("FETCH", "ORDER");
    }
}
