package io.keyswitch.security;

import io.keyswitch.account.Account;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.user.User;
import io.keyswitch.user.UserDirectory;
import io.keyswitch.user.UserStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.subject.Subject;

/**
 * The login procedure: checks the password (Shiro, bcrypt), then whether the user may log in now
 * (account and user active, temporary validity, number of logins), and audits every attempt.
 */
@ApplicationScoped
public class LoginService {

    @Inject
    UserDirectory directory;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Transactional
    public LoginResult login(String accountName, String username, char[] password, String sourceIp) {
        String account = trim(accountName);
        String user = trim(username);
        String tried = account + "/" + user;
        Subject subject = SecurityUtils.getSubject();
        try {
            subject.login(new AccountPasswordToken(account, user, password, sourceIp));
        } catch (AuthenticationException wrongAccountUserOrPassword) {
            Long accountId = directory.accountIdByName(account).orElse(null);
            audit.record(new AuditEntry(accountId, tried, null, sourceIp, "login", "user:" + user,
                    Outcome.FAILURE, null, "wrong account, user name or password"));
            return LoginResult.refused(LoginResult.NEUTRAL_FAILURE);
        }
        PortalPrincipal principal = (PortalPrincipal) subject.getPrincipal();
        User found = em.find(User.class, principal.userId());
        Instant now = clock.instant();
        Optional<String> refusal = refusal(found, now);
        if (refusal.isPresent()) {
            subject.logout();
            audit.record(new AuditEntry(principal.accountId(), tried, principal.userId(), sourceIp, "login",
                    "user:" + user, Outcome.DENIED, null, refusal.get()));
            return LoginResult.refused(refusal.get());
        }
        found.recordLogin(now);
        audit.record(new AuditEntry(principal.accountId(), tried, principal.userId(), sourceIp, "login",
                "user:" + user, Outcome.SUCCESS, null, null));
        return found.isMustChangePassword()
                ? new LoginResult(LoginResult.Status.MUST_CHANGE_PASSWORD, "Please choose a new password.")
                : new LoginResult(LoginResult.Status.SIGNED_IN, null);
    }

    /** Why a user whose password was right may still not log in now; said only after the password was right. */
    static Optional<String> refusal(User user, Instant now) {
        Account account = user.getAccount();
        if (!account.isActive()) {
            return Optional.of("This account is disabled. Please contact your administrator.");
        }
        if (user.getStatus() != UserStatus.ACTIVE) {
            return Optional.of("This user is disabled. Please contact your administrator.");
        }
        if (user.getValidFrom() != null && now.isBefore(user.getValidFrom())) {
            return Optional.of("This temporary access is not valid yet: it starts at " + user.getValidFrom() + ".");
        }
        if (user.getValidUntil() != null && !now.isBefore(user.getValidUntil())) {
            return Optional.of("This temporary access has expired: it ended at " + user.getValidUntil() + ".");
        }
        if (user.getMaxLogins() != null && user.getLoginCount() >= user.getMaxLogins()) {
            return Optional.of("This temporary access has used all of its " + user.getMaxLogins() + " logins.");
        }
        return Optional.empty();
    }

    /** Audits the end of a session, then ends it. */
    @Transactional
    public void logout(String sourceIp) {
        Subject subject = SecurityUtils.getSubject();
        if (subject.getPrincipal() instanceof PortalPrincipal p) {
            audit.record(new AuditEntry(p.accountId(), p.qualifiedName(), p.userId(), sourceIp, "logout",
                    "user:" + p.username(), Outcome.SUCCESS, null, null));
        }
        subject.logout();
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
