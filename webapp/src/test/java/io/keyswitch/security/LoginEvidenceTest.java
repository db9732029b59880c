package io.keyswitch.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyswitch.jail.JailSettings;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The login evidence's words (IEC 62443 SR 1.1, 1.11)")
class LoginEvidenceTest {

    @Test
    @DisplayName("SR 1.1: the share of active users with an authenticator app, with both numbers")
    void enrolment() {
        assertThat(LoginEvidence.enrolment(2, 3)).isEqualTo("authenticator app enrolled by 67 % (2 of 3) of active users");
        assertThat(LoginEvidence.enrolment(93, 100)).isEqualTo("authenticator app enrolled by 93 % (93 of 100) of active users");
    }

    @Test
    @DisplayName("SR 1.1: where a second factor is required — the appliance, accounts, the account or its groups")
    void requirement() {
        assertThat(LoginEvidence.applianceRequirement(false, 3, 4))
                .isEqualTo("second factor required in 3 of 4 active accounts (more where groups require it)");
        assertThat(LoginEvidence.applianceRequirement(true, 0, 4)).contains("every user").contains(SecondFactorPolicy.KEY_REQUIRED);
        assertThat(LoginEvidence.accountRequirement(false, true, 0, 2)).isEqualTo("second factor required of every user of the account");
        assertThat(LoginEvidence.accountRequirement(false, false, 1, 3))
                .isEqualTo("second factor required of the members of 1 of 3 groups (not by the account)");
        assertThat(LoginEvidence.accountRequirement(false, false, 0, 3))
                .isEqualTo("second factor NOT required by the account or any of its 3 groups");
    }

    @Test
    @DisplayName("SR 1.11: the jail's policy as set, or that it is off")
    void jail() {
        assertThat(LoginEvidence.jail(JailSettings.defaults())).isEqualTo("login jail: 5 failures within 10 min ban for 10 min");
        assertThat(LoginEvidence.jail(JailSettings.defaults().withPolicy(3, Duration.ofMinutes(5), Duration.ofHours(1))))
                .isEqualTo("login jail: 3 failures within 5 min ban for 1 h");
        JailSettings d = JailSettings.defaults();
        JailSettings off = new JailSettings(false, d.maxFailures(), d.findWindow(), d.banDuration(), d.maxTrackedAddresses(),
                d.maxTrackedUserNames(), d.allowList(), d.ipv6PrefixLength());
        assertThat(LoginEvidence.jail(off)).isEqualTo("login jail OFF (keyswitch.jail.enabled=false)");
    }
}
