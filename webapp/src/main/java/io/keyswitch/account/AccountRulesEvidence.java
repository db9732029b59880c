package io.keyswitch.account;

import io.keyswitch.compliance.ComplianceEvidence;
import io.keyswitch.compliance.Evidence;
import io.keyswitch.compliance.EvidenceScope;
import io.keyswitch.compliance.EvidenceWords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the accounts' rules show of IEC 62443-3-3 now: each account's users and when unused ones are disabled
 * (SR 1.3) and each account's password rules (SR 1.7). Three queries, whatever the number of accounts.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AccountRulesEvidence implements ComplianceEvidence {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Override
    public List<Evidence> measure(EvidenceScope scope) {
        String only = scope.isAppliance() ? "" : " WHERE a.id = " + scope.accountId();
        List<?> accounts = em.createNativeQuery("SELECT a.id, a.name, a.status FROM account a" + only + " ORDER BY a.name")
                .getResultList();
        Map<Long, AccountPolicy> policies = new HashMap<>();
        em.createQuery("SELECT p FROM AccountPolicy p" + (scope.isAppliance() ? "" : " WHERE p.accountId = " + scope.accountId()),
                AccountPolicy.class).getResultList().forEach(p -> policies.put(p.getAccountId(), p));
        Map<Long, long[]> users = new HashMap<>(); // account → {active, disabled}
        for (Object row : em.createNativeQuery("SELECT a.account_id, a.status, COUNT(*) FROM app_user a" + only.replace("a.id", "a.account_id")
                + " GROUP BY a.account_id, a.status").getResultList()) {
            Object[] r = (Object[]) row;
            long[] n = users.computeIfAbsent(((Number) r[0]).longValue(), k -> new long[2]);
            n["ACTIVE".equals(r[1]) ? 0 : 1] += ((Number) r[2]).longValue();
        }
        List<Evidence> out = new ArrayList<>();
        for (Object row : accounts) {
            Object[] r = (Object[]) row;
            long id = ((Number) r[0]).longValue();
            String prefix = scope.isAppliance() ? r[1] + ("ACTIVE".equals(r[2]) ? "" : " (disabled)") + ": " : "";
            AccountPolicy p = policies.getOrDefault(id, new AccountPolicy(id));
            long[] n = users.getOrDefault(id, new long[2]);
            out.add(new Evidence("1.3", prefix + users(n[0], n[1], p.getInactivityDays())));
            out.add(new Evidence("1.7", prefix + passwords(p)));
        }
        return out;
    }

    /** "4 active users, 1 disabled; a user without login for 90 days is disabled". */
    static String users(long active, long disabled, int inactivityDays) {
        return EvidenceWords.count(active) + " active users, " + EvidenceWords.count(disabled) + " disabled; "
                + (inactivityDays > 0 ? "a user without login for " + inactivityDays + " days is disabled"
                        : "unused users are NOT disabled automatically");
    }

    /** "passwords of at least 12 characters with a lower-case letter, …; not the user name; the last 5 not reused; no maximum age". */
    static String passwords(AccountPolicy p) {
        List<String> classes = new ArrayList<>();
        if (p.isPasswordLower()) {
            classes.add("a lower-case letter");
        }
        if (p.isPasswordUpper()) {
            classes.add("an upper-case letter");
        }
        if (p.isPasswordDigit()) {
            classes.add("a digit");
        }
        if (p.isPasswordSymbol()) {
            classes.add("a symbol");
        }
        return "passwords of at least " + p.getPasswordMinLength() + " characters"
                + (classes.isEmpty() ? "" : " with " + String.join(", ", classes))
                + "; no part that is the user name; "
                + (p.getPasswordHistory() > 0 ? "the last " + p.getPasswordHistory() + " not reused" : "reuse allowed")
                + "; " + (p.getPasswordMaxAgeDays() > 0 ? "changed every " + p.getPasswordMaxAgeDays() + " days" : "no maximum age");
    }
}
