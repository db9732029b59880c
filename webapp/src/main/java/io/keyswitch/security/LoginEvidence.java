package io.keyswitch.security;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditStatistics;
import io.keyswitch.audit.Outcome;
import io.keyswitch.compliance.ComplianceEvidence;
import io.keyswitch.compliance.Evidence;
import io.keyswitch.compliance.EvidenceScope;
import io.keyswitch.compliance.EvidenceWords;
import io.keyswitch.jail.JailSettings;
import io.keyswitch.platform.SettingsReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What login security shows of IEC 62443-3-3 now: who has an authenticator app and where a second factor is
 * required (SR 1.1), the login jail's policy, its bans and the failed logins of the last 30 days (SR 1.11).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class LoginEvidence implements ComplianceEvidence {

    static final Duration RECENT = Duration.ofDays(30);

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    SecondFactorPolicy policy;

    @Inject
    AuditStatistics audit;

    @Inject
    Clock clock;

    @Override
    public List<Evidence> measure(EvidenceScope scope) {
        List<Evidence> out = new ArrayList<>();
        jakarta.persistence.Query count = em.createNativeQuery("SELECT COUNT(*), COUNT(t.user_id) FROM app_user u "
                + "LEFT JOIN totp_enrolment t ON t.user_id = u.id WHERE u.status = 'ACTIVE'"
                + (scope.isAppliance() ? "" : " AND u.account_id = ?1"));
        if (!scope.isAppliance()) {
            count.setParameter(1, scope.accountId());
        }
        Object[] users = (Object[]) count.getSingleResult();
        long active = ((Number) users[0]).longValue();
        long enrolled = ((Number) users[1]).longValue();
        String required;
        if (scope.isAppliance()) {
            Object[] accounts = (Object[]) em.createNativeQuery("SELECT COUNT(*), COALESCE(SUM(CASE WHEN second_factor_required "
                    + "THEN 1 ELSE 0 END), 0) FROM account WHERE status = 'ACTIVE'").getSingleResult();
            required = applianceRequirement(policy.applianceRequired(), ((Number) accounts[1]).longValue(),
                    ((Number) accounts[0]).longValue());
        } else {
            List<SecondFactorPolicy.GroupPolicy> groups = policy.groups(scope.accountId());
            required = accountRequirement(policy.applianceRequired(), policy.accountRequired(scope.accountId()),
                    groups.stream().filter(SecondFactorPolicy.GroupPolicy::required).count(), groups.size());
        }
        out.add(new Evidence("1.1", enrolment(enrolled, active) + "; " + required));

        Instant since = clock.instant().minus(RECENT);
        long failed = audit.count(AuditAction.LOGIN, Outcome.FAILURE, scope.accountId(), since);
        JailSettings jail = JailSettings.from(SettingsReader.portalLookup());
        String bans = scope.isAppliance()
                ? "; " + EvidenceWords.count(audit.count(AuditAction.JAIL_BAN, null, null, since)) + " bans in the last 30 days"
                : "";
        out.add(new Evidence("1.11", jail(jail) + "; " + EvidenceWords.count(failed) + " failed logins"
                + (scope.isAppliance() ? "" : " in this account") + " in the last 30 days" + bans));
        return out;
    }

    /** "authenticator app enrolled by 67 % of active users (2 of 3)". */
    static String enrolment(long enrolled, long active) {
        return "authenticator app enrolled by " + EvidenceWords.percent(enrolled, active) + " of active users";
    }

    /** "second factor required in 3 of 4 accounts", or of every user by the appliance setting. */
    static String applianceRequirement(boolean appliance, long requiringAccounts, long accounts) {
        if (appliance) {
            return "second factor required of every user (" + SecondFactorPolicy.KEY_REQUIRED + ")";
        }
        return "second factor required in " + requiringAccounts + " of " + accounts + " active accounts (more where groups require it)";
    }

    /** Whether this account's users must log in with a second factor: all, those of some groups, or none. */
    static String accountRequirement(boolean appliance, boolean account, long requiringGroups, long groups) {
        if (appliance) {
            return "second factor required of every user (appliance setting)";
        }
        if (account) {
            return "second factor required of every user of the account";
        }
        return requiringGroups == 0 ? "second factor NOT required by the account or any of its " + groups + " groups"
                : "second factor required of the members of " + requiringGroups + " of " + groups + " groups (not by the account)";
    }

    /** "login jail: 5 failures within 10 min ban for 10 min". */
    static String jail(JailSettings s) {
        if (!s.enabled()) {
            return "login jail OFF (" + JailSettings.KEY_ENABLED + "=false)";
        }
        return "login jail: " + s.maxFailures() + " failures within " + EvidenceWords.every(s.findWindow()) + " ban for "
                + EvidenceWords.every(s.banDuration());
    }
}
