package io.keyswitch.user;

import io.keyswitch.platform.Rights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyswitch.platform.Forbidden;
import io.keyswitch.platform.Actor;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The rights ceiling: nobody hands out or touches more than they hold")
class RightsCeilingTest {

    private static Actor holding(String... rights) {
        Set<String> held = Set.of(rights);
        return new Actor(1, 2L, "acme/helpdesk", "192.0.2.1", held::contains);
    }

    @Test
    @DisplayName("user:manage alone may change a user holding nothing more, not one holding device:edit")
    void changeOnlyWeakerUsers() {
        Actor helpdesk = holding(Rights.USER_MANAGE);

        RightsCeiling.requireMayChange(helpdesk, "temp", List.of(), false);
        RightsCeiling.requireMayChange(helpdesk, "deputy", List.of(Rights.USER_MANAGE), false);
        assertThatThrownBy(() -> RightsCeiling.requireMayChange(helpdesk, "boss", List.of(Rights.USER_MANAGE, Rights.DEVICE_EDIT), false))
                .isInstanceOf(Forbidden.class).hasMessageContaining("boss also has device:edit");
    }

    @Test
    @DisplayName("only a system administrator changes a system administrator, even one holding no right at all")
    void systemAdministratorsOnlyBySystemAdministrators() {
        Actor everyRightButAppliance = holding(Rights.ALL.toArray(String[]::new));

        assertThatThrownBy(() -> RightsCeiling.requireMayChange(everyRightButAppliance, "root", List.of(), true))
                .isInstanceOf(Forbidden.class).hasMessage(RightsCeiling.SYSTEM_ADMIN_ONLY);
        RightsCeiling.requireMayChange(holding(Rights.ACCOUNT_MANAGE), "root", List.of(), true);
    }

    @Test
    @DisplayName("a right may be handed out only by who holds it; a system administrator holds them all")
    void handOut() {
        assertThatThrownBy(() -> RightsCeiling.requireMayHandOut(holding(Rights.GROUP_MANAGE), "the group 'x'",
                List.of(Rights.GROUP_MANAGE, Rights.USER_MANAGE))).isInstanceOf(Forbidden.class)
                .hasMessageContaining("gives user:manage");
        assertThat(RightsCeiling.lacking(holding(Rights.ACCOUNT_MANAGE), Rights.ALL)).isEmpty();
    }
}
