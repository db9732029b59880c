package io.keyswitch.datapoint.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.access.AccessService;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.NotFound;
import io.keyswitch.report.ReportFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Which devices a devices report shows: the device list's rights as SQL conditions")
class DeviceScopeTest {

    private static final ReportFilter NONE = ReportFilter.ALL;

    private static Actor actor(long account, String... rights) {
        Set<String> held = Set.of(rights);
        return new Actor(account, 1L, "someone", "127.0.0.1", held::contains);
    }

    /** Grants are not read for these actors: a null service would fail if they were. */
    private static final AccessService NO_GRANTS = null;

    @Test
    @DisplayName("device:view: every device of the own account; the filter's project and device narrow it")
    void ownAccount() {
        DeviceScope scope = DeviceScope.of(actor(7, "device:view"), new ReportFilter(null, null, null, 3L, 9L, null), NO_GRANTS);
        List<Object> params = new ArrayList<>();

        assertThat(scope.where(params)).isEqualTo("d.account_id = ? AND d.project_id = ? AND d.id = ?");
        assertThat(params).containsExactly(7L, 3L, 9L);
    }

    @Test
    @DisplayName("another account named by someone who is not a system administrator is not found")
    void otherAccount() {
        assertThatThrownBy(() -> DeviceScope.of(actor(7, "device:view"), new ReportFilter(null, null, 8L, null, null, null),
                NO_GRANTS)).isInstanceOf(NotFound.class);
    }

    @Test
    @DisplayName("a system administrator: the filter's account, or all accounts")
    void systemAdministrator() {
        List<Object> params = new ArrayList<>();

        assertThat(DeviceScope.of(actor(1, "account:manage"), NONE, NO_GRANTS).where(params)).isEqualTo("TRUE");
        assertThat(DeviceScope.of(actor(1, "account:manage"), new ReportFilter(null, null, 8L, null, null, null), NO_GRANTS)
                .where(params)).isEqualTo("d.account_id = ?");
        assertThat(params).containsExactly(8L);
    }

    @Test
    @DisplayName("granted devices only, none at all when no grant reaches one")
    void granted() {
        List<Object> params = new ArrayList<>();

        assertThat(new DeviceScope(7L, null, null, List.of(4L, 5L)).where(params)).isEqualTo("d.account_id = ? AND d.id IN (4,5)");
        assertThat(new DeviceScope(7L, null, null, List.of()).where(new ArrayList<>())).endsWith("AND FALSE");
    }

    @Test
    @DisplayName("without device:view, device:connect or account:manage the report is refused")
    void refused() {
        assertThat(DeviceScope.allowed(actor(7, "audit:view"))).isFalse();
        assertThatThrownBy(() -> DeviceScope.of(actor(7, "audit:view"), NONE, NO_GRANTS)).isInstanceOf(Forbidden.class);
    }

}
