package io.keyswitch.security;

import io.keyswitch.jail.KnownAddresses;
import io.keyswitch.account.AccountPolicy;
import io.keyswitch.account.AccountPolicies;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.Outcome;
import io.keyswitch.jail.Admission;
import io.keyswitch.security.totp.TotpVerification;
import io.keyswitch.platform.LoginNames;
import io.keyswitch.user.PasswordHasher;
import io.keyswitch.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A technician's VPN login (OpenVPN static challenge), the {@link LoginPipeline}'s steps in one go: the user named by
 * the profile's certificate, the user name typed, the password and the authenticator code. The same jail, password
 * check, account and user state, temporary validity and login limit as the web login, and the second factor is
 * required: a user without an authenticator app is refused. Nobody is signed in to the web (no Shiro subject): the
 * VPN session is the login. Every attempt is audited (action {@code vpn.login}, details {@code VPN}) and every
 * failure counts in the jail.
 */
@ApplicationScoped
public class TechnicianLogin {

    /** The details of every {@code vpn.login} refusal: which way the login came. */
    private static final String VPN = "VPN";

    @Inject
    LoginPipeline steps;

    @Inject
    KnownAddresses known;

    @Inject
    PasswordHasher passwords;

    @Inject
    AccountPolicies policies;

    @Inject
    TotpAuthenticator totp;

    @Inject
    Clock clock;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    /**
     * @param userId the user the profile's certificate was issued to
     * @return {@code SIGNED_IN} when every step passed; {@code REFUSED} or {@code BANNED} with the reason otherwise
     */
    @Transactional
    public LoginResult login(long userId, String username, char[] password, String code, String sourceIp) {
        User found = em.find(User.class, userId);
        Optional<LoginNames.Canonical> name = found == null ? Optional.empty()
                : LoginNames.parse(found.getAccount().getName(), username);
        String typed = name.map(LoginNames.Canonical::user).orElseGet(() -> LoginNames.shown(username));
        String tried = name.map(LoginNames.Canonical::qualified)
                .orElseGet(() -> (found == null ? "?" : found.getAccount().getName()) + "/" + typed);
        LoginAttempt attempt = new LoginAttempt(found == null ? null : found.getAccount().getId(), tried, userId, sourceIp,
                "user:" + typed);
        Admission admission = steps.admit(sourceIp, name.map(LoginNames.Canonical::qualified).orElse(null),
                () -> found != null && known.signedInFrom(userId, sourceIp));
        if (!admission.admitted()) {
            steps.audit(refusal(attempt, Outcome.DENIED, "address or user name jailed"));
            return LoginResult.banned(admission.refusedUntil());
        }
        boolean nameRight = found != null && name.isPresent() && found.getUsername().equals(name.get().user());
        if (!nameRight) {
            passwords.spendOneCheck(password);
        }
        if (!nameRight || !passwords.matches(password, found.getPasswordHash())) {
            steps.failed(admission, refusal(attempt.by(found == null ? null : userId), Outcome.FAILURE,
                    "wrong user name or password for this profile"));
            return LoginResult.refused(LoginResult.NEUTRAL_FAILURE);
        }
        Instant now = clock.instant();
        Optional<String> state = steps.stateAtTheDoor(found, attempt, now);
        if (state.isPresent()) {
            return denied(attempt, state.get(), state.get());
        }
        AccountPolicy rules = policies.of(found.getAccount().getId());
        if (found.isMustChangePassword() || rules.passwordExpired(found.getPasswordChangedAt(), now)) {
            // the VPN has no way to change it: the web login does
            return denied(attempt, "password must be changed in the portal first",
                    "Please change your password in the portal first.");
        }
        if (!totp.enrolled(userId)) {
            return denied(attempt, "no authenticator app enrolled: the VPN needs one",
                    "The VPN needs an authenticator app: enrol one in the portal first.");
        }
        TotpVerification v = totp.verify(userId, code == null ? "" : code.strip());
        if (!v.accepted()) {
            steps.failed(admission, refusal(attempt, Outcome.FAILURE,
                    v == TotpVerification.REPLAYED ? "authenticator code used before" : "wrong authenticator code"));
            return LoginResult.refused(LoginService.WRONG_CODE);
        }
        steps.succeeded(admission);
        Optional<String> late = steps.record(attempt, now, AuditAction.VPN_LOGIN, VPN, "VPN, second factor: authenticator app");
        return late.map(LoginResult::refused).orElseGet(() -> new LoginResult(LoginResult.Status.SIGNED_IN, null));
    }

    private LoginResult denied(LoginAttempt attempt, String reason, String answer) {
        steps.audit(refusal(attempt, Outcome.DENIED, reason));
        return LoginResult.refused(answer);
    }

    private static AuditEntry refusal(LoginAttempt attempt, Outcome outcome, String reason) {
        return attempt.entry(AuditAction.VPN_LOGIN, outcome).withDetails(VPN).because(reason);
    }
}
