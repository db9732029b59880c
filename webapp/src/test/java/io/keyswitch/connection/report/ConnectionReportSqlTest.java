package io.keyswitch.connection.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.report.ReportFilter;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The connections report's SQL")
class ConnectionReportSqlTest {

    @Test
    @DisplayName("a page is keyed: newest record first, after the last key, a LIMIT and never an OFFSET")
    void keyedPage() {
        ConnectionReportSql sql = ConnectionReportSql.of(new ConnectionReportScope(5L, null), ReportFilter.ALL);

        assertThat(sql.page(120L, 50)).contains("(SELECT c.id FROM connection c WHERE 1 = 1 AND c.account_id = ? AND c.id < ?"
                + " ORDER BY c.id DESC LIMIT 50) k JOIN connection c ON c.id = k.id").endsWith("ORDER BY c.id DESC")
                .doesNotContain("OFFSET");
        assertThat(sql.pageParameters(120L)).containsExactly(5L, 120L);
        assertThat(sql.page(null, 50)).doesNotContain("c.id <");
    }

    @Test
    @DisplayName("each filter and the scope become one condition with its value, in order; none for what is not given")
    void conditions() {
        Instant from = Instant.parse("2026-11-01T00:00:00Z");
        ReportFilter filter = new ReportFilter(from, null, null, 3L, 4L, null);

        ConnectionReportSql sql = ConnectionReportSql.of(new ConnectionReportScope(5L, 42L), filter);

        assertThat(sql.page(null, 10)).contains("WHERE 1 = 1 AND c.user_id = ? AND c.device_id = ?"
                + " AND c.device_id IN (SELECT pd.id FROM device pd WHERE pd.project_id = ?) AND c.requested_at >= ?")
                .as("a device or project checked to be in the account needs no account condition").doesNotContain("account_id = ?")
                .doesNotContain("requested_at <");
        assertThat(sql.pageParameters(null)).containsExactly(42L, 4L, 3L, LocalDateTime.parse("2026-11-01T00:00"));
    }

    @Test
    @DisplayName("every account (a system administrator's choice) has no account condition; totals take now first")
    void everyAccountTotals() {
        ConnectionReportSql sql = ConnectionReportSql.of(new ConnectionReportScope(null, null), ReportFilter.ALL);
        Instant now = Instant.parse("2026-12-05T12:00:00Z");

        assertThat(sql.totals("c.device_name", 101)).doesNotContain("account_id = ?")
                .contains("GROUP BY c.account_id, a.name, c.device_name").endsWith("LIMIT 101");
        assertThat(sql.totalsParameters(now)).containsExactly(LocalDateTime.parse("2026-12-05T12:00"));
    }
}
