package io.keyswitch.connection.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.connection.ConnectionState;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.Rights;
import io.keyswitch.report.ReportFilter;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Whose connections the connections report shows")
class ConnectionReportScopeTest {

    private static final long ACCOUNT = 5;
    private static final long SELF = 42;

    private static Actor actor(String... rights) {
        Set<String> held = Set.of(rights);
        return new Actor(ACCOUNT, SELF, "alpha/someone", "127.0.0.1", held::contains);
    }

    private static ReportFilter filter(Long account, Long user) {
        return new ReportFilter(null, null, account, null, null, user);
    }

    @Test
    @DisplayName("connection:view: the account's, of any user; the own account named is fine, another is not found")
    void accountWide() {
        Actor viewer = actor(Rights.CONNECTION_VIEW, Rights.DEVICE_CONNECT);

        assertThat(ConnectionReportScope.of(viewer, filter(null, 7L))).isEqualTo(new ConnectionReportScope(ACCOUNT, null));
        assertThat(ConnectionReportScope.of(viewer, filter(ACCOUNT, null))).isEqualTo(new ConnectionReportScope(ACCOUNT, null));
        assertThatThrownBy(() -> ConnectionReportScope.of(viewer, filter(6L, null))).isInstanceOf(NotFound.class);
    }

    @Test
    @DisplayName("a technician without connection:view: their own only; another user named is not found")
    void technicianOwn() {
        Actor technician = actor(Rights.DEVICE_CONNECT);

        assertThat(ConnectionReportScope.of(technician, filter(null, null))).isEqualTo(new ConnectionReportScope(ACCOUNT, SELF));
        assertThat(ConnectionReportScope.of(technician, filter(null, SELF))).isEqualTo(new ConnectionReportScope(ACCOUNT, SELF));
        assertThatThrownBy(() -> ConnectionReportScope.of(technician, filter(null, 7L))).isInstanceOf(NotFound.class);
    }

    @Test
    @DisplayName("a system administrator: the account chosen, or every account")
    void systemAdministrator() {
        Actor admin = actor(Rights.ACCOUNT_MANAGE);

        assertThat(ConnectionReportScope.of(admin, filter(9L, null))).isEqualTo(new ConnectionReportScope(9L, null));
        assertThat(ConnectionReportScope.of(admin, filter(null, null)).everyAccount()).isTrue();
    }

    @Test
    @DisplayName("without any of those rights: forbidden, and the kind is not offered")
    void nobody() {
        Actor clerk = actor(Rights.AUDIT_VIEW);

        assertThat(ConnectionReportScope.allowed(clerk)).isFalse();
        assertThatThrownBy(() -> ConnectionReportScope.of(clerk, filter(null, null))).isInstanceOf(Forbidden.class);
    }

    @Test
    @DisplayName("says how a connection ended in words, with the administrator's reason and who ended it")
    void endedInWords() {
        assertThat(ConnectionReport.ended(ConnectionState.CLOSED, "ENDED", "alpha/anna", "maintenance over"))
                .isEqualTo("ended by an administrator: maintenance over (alpha/anna)");
        assertThat(ConnectionReport.ended(ConnectionState.CLOSED, "VPN_DOWN", "system", null))
                .isEqualTo("the technician's VPN tunnel went down (system)");
        assertThat(ConnectionReport.ended(ConnectionState.OPEN, null, null, null)).isEqualTo("open");
        assertThat(ConnectionReport.ended(ConnectionState.WAITING, null, null, null)).isEqualTo("waiting");
    }


    @Test
    @DisplayName("the period in words: all time, from, before, or both ends")
    void period() {
        Instant a = Instant.parse("2026-11-01T00:00:00Z");
        Instant b = Instant.parse("2026-12-01T00:00:00Z");

        assertThat(ConnectionReport.period(ReportFilter.ALL)).isEqualTo("all time");
        assertThat(ConnectionReport.period(new ReportFilter(a, b, null, null, null, null)))
                .isEqualTo("2026-11-01 00:00:00 UTC – 2026-12-01 00:00:00 UTC");
        assertThat(ConnectionReport.period(new ReportFilter(a, null, null, null, null, null))).startsWith("from ");
        assertThat(ConnectionReport.period(new ReportFilter(null, b, null, null, null, null))).startsWith("before ");
    }
}
