package io.keyswitch.security;

import io.keyswitch.jail.KnownAddresses;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.platform.PortalPrincipal;
import io.keyswitch.account.Account;
import io.keyswitch.account.AccountPolicies;
import io.keyswitch.account.AccountPolicy;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.Outcome;
import io.keyswitch.jail.Admission;
import io.keyswitch.jail.LoginJail;
import io.keyswitch.security.totp.TotpVerification;
import io.keyswitch.platform.LoginNames;
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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.subject.Subject;

/**
 * The web login, a composition of the {@link LoginPipeline}'s steps: the login jail first, the password (Shiro,
 * bcrypt), whether the user may log in now (account and user active, temporary validity, number of logins), then the
 * second factor where the user has one or the policy asks for one, each of its methods (authenticator app or recovery
 * code, e-mail link, SMS code, enrolling an app) through one template; every attempt is audited and every failure, of
 * password or code, counts in the jail. Shiro knows the user only once every factor is checked
 * ({@link ConfirmedLoginToken}). The VPN's way in is {@link TechnicianLogin}.
 */
@ApplicationScoped
public class LoginService {

    /** The answer to a wrong TOTP or recovery code. */
    public static final String WRONG_CODE = "The code is not correct. Please try again.";

    /** The answer to a link that does not complete this login. */
    public static final String WRONG_LINK = "This login link is not valid (any more). Please log in again to get a new one.";

    /** The answer when there is no SMS code to check. */
    public static final String NO_SMS_CODE = "There is no valid SMS code (any more). Please ask for a new one.";

    /** The answer to a wrong password or code when a signed-in user confirms it is them. */
    public static final String WRONG_REAUTH = "The password or the code is not correct.";

    /** The details of a login that needed no second factor (the user protocol's factor column reads them). */
    static final String PASSWORD_ONLY = "second factor: none (password only)";

    /** The answer when the second step came too late. */
    public static final String TOO_LATE = "The login took too long. Please log in again.";

    @Inject
    UserDirectory directory;

    @Inject
    Clock clock;

    @Inject
    LoginJail jail;

    @Inject
    TotpAuthenticator totp;

    @Inject
    SecondFactorPolicy policy;

    @Inject
    EmailLinkAuthenticator mailLinks;

    @Inject
    io.keyswitch.user.PasswordHasher passwords;

    @Inject
    AccountPolicies policies;

    @Inject
    SmsCodeAuthenticator smsCodes;

    @Inject
    KnownAddresses known;

    @Inject
    LoginPipeline steps;

    @jakarta.annotation.Resource
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    /**
     * The first step: account, user name and password. The jail's try is taken before anything is checked; a name
     * that breaks the rules names were created by is refused (after the same bcrypt cost as a wrong password) and
     * looked up nowhere; the failure is counted before it is audited, so that nothing in the audit can undo it.
     */
    @Transactional
    public LoginResult login(String accountName, String username, char[] password, String sourceIp) {
        Optional<LoginNames.Canonical> name = LoginNames.parse(accountName, username);
        String tried = name.map(LoginNames.Canonical::qualified)
                .orElseGet(() -> LoginNames.shown(accountName) + "/" + LoginNames.shown(username));
        Admission admission = steps.admit(sourceIp, name.map(LoginNames.Canonical::qualified).orElse(null),
                () -> name.flatMap(n -> directory.findForLogin(n.account(), n.user()))
                        .map(u -> known.signedInFrom(u.getId(), sourceIp)).orElse(false));
        if (!admission.admitted()) {
            // Refused without checking the password; the ban itself is audited once (jail.ban), not each refused
            // attempt, so that an attacker cannot turn the jail into database writes. Nor is it counted as a
            // failure: a person whose user name an attacker got banned would otherwise get their own address
            // banned by trying.
            return LoginResult.banned(admission.refusedUntil());
        }
        Optional<PortalPrincipal> checked = password(name, password, sourceIp);
        if (checked.isEmpty()) {
            Long accountId = name.flatMap(n -> directory.accountIdByName(n.account())).orElse(null);
            // the user the name belongs to, if any, as the VPN's login records it: so that a user's protocol shows
            // the wrong passwords tried under their name
            Long named = name.flatMap(n -> directory.findForLogin(n.account(), n.user())).map(User::getId).orElse(null);
            String target = "user:" + name.map(LoginNames.Canonical::user).orElseGet(() -> LoginNames.shown(username));
            steps.failed(admission, new LoginAttempt(accountId, tried, named, sourceIp, target)
                    .entry(AuditAction.LOGIN, Outcome.FAILURE).because("wrong account, user name or password"));
            return LoginResult.refused(LoginResult.NEUTRAL_FAILURE);
        }
        PortalPrincipal principal = checked.get();
        LoginAttempt attempt = LoginAttempt.of(principal, tried, sourceIp);
        Instant now = clock.instant();
        Optional<String> refusal = steps.stateAtTheDoor(em.find(User.class, principal.userId()), attempt, now);
        // the password was right: its try is given back (the login's success is counted when it completes)
        steps.succeeded(admission);
        if (refusal.isPresent()) {
            steps.audit(attempt.entry(AuditAction.LOGIN, Outcome.DENIED).because(refusal.get()));
            return LoginResult.refused(refusal.get());
        }
        boolean enrolled = totp.enrolled(principal.userId());
        if (enrolled || policy.requiredFor(principal.userId())) {
            // A user who needs a second factor and has no app, but an e-mail address while SMTP is configured or a
            // phone number while an SMS gateway is, gets the e-mail link or the SMS code; only without any of them
            // is enrolment the next step. A user with an app is asked for the app (or a recovery code): a weaker
            // factor is not offered in its place.
            boolean mailLink = !enrolled && mailLinks.availableFor(principal.userId());
            boolean sms = !enrolled && smsCodes.availableFor(principal.userId());
            boolean mustEnrol = !enrolled && !mailLink && !sms;
            steps.audit(attempt.entry(AuditAction.LOGIN_PASSWORD, Outcome.SUCCESS).withDetails(
                    mustEnrol ? "second factor required, none enrolled: enrolment next" : "second factor next"));
            PendingLogin pending = new PendingLogin(principal, tried, now, mustEnrol, enrolled, mailLink, sms);
            return new LoginResult(mustEnrol ? LoginResult.Status.ENROL : LoginResult.Status.SECOND_FACTOR,
                    null, null, pending);
        }
        return complete(principal, tried, sourceIp, PASSWORD_ONLY);
    }

    /** The credential step: the account, user name and password, checked by Shiro without signing anybody in. */
    private Optional<PortalPrincipal> password(Optional<LoginNames.Canonical> name, char[] password, String sourceIp) {
        if (name.isEmpty()) {
            passwords.spendOneCheck(password); // a name that cannot exist costs what a wrong password costs
            return Optional.empty();
        }
        try {
            AuthenticationInfo info = SecurityUtils.getSecurityManager().authenticate(
                    new AccountPasswordToken(name.get().account(), name.get().user(), password, sourceIp));
            return Optional.of(info.getPrincipals().oneByType(PortalPrincipal.class));
        } catch (AuthenticationException wrongAccountUserOrPassword) {
            return Optional.empty();
        }
    }

    /**
     * The second step: a TOTP code (digits) or a recovery code. A wrong code counts in the jail
     * like a wrong password.
     */
    @Transactional
    public LoginResult secondFactor(PendingLogin pending, String code, String sourceIp) {
        return secondStep(pending, sourceIp, p -> {
            String typed = code == null ? "" : code.strip();
            if (isAuthenticatorCode(typed)) {
                TotpVerification v = totp.verify(p.userId(), typed);
                return v.accepted() ? Check.passed("second factor: authenticator app")
                        : Check.wrong(v == TotpVerification.REPLAYED ? "wrong authenticator code used before"
                                : "wrong authenticator code", WRONG_CODE);
            }
            return totp.redeemRecoveryCode(p.userId(), typed)
                    ? Check.passed("second factor: recovery code (" + totp.remainingRecoveryCodes(p.userId()) + " left)")
                    : Check.wrong("wrong recovery code", WRONG_CODE);
        }).login();
    }

    /**
     * The second step by e-mail link: the link's token must belong to the login waiting in this
     * session. An unknown, used, expired or foreign link counts in the jail like a wrong code.
     */
    @Transactional
    public LoginResult mailLink(PendingLogin pending, String token, String sourceIp) {
        return secondStep(pending, sourceIp, p -> {
            Optional<Long> owner = mailLinks.redeem(token);
            if (owner.isEmpty() || owner.get() != p.userId()) {
                return Check.wrong(owner.isEmpty() ? "e-mail link unknown, used or expired" : "e-mail link of another user",
                        WRONG_LINK);
            }
            return Check.passed("second factor: e-mail link");
        }).login();
    }

    /**
     * The second step by SMS code: the code sent for this user, once, within its validity and its
     * tries. A wrong code, or a try when there is none, counts in the jail like a wrong password.
     */
    @Transactional
    public LoginResult smsCode(PendingLogin pending, String code, String sourceIp) {
        return secondStep(pending, sourceIp, p -> switch (smsCodes.check(p.userId(), code)) {
            case ACCEPTED -> Check.passed("second factor: SMS code");
            case WRONG -> Check.wrong("wrong SMS code", WRONG_CODE);
            default -> Check.wrong("SMS code not sent, used, expired or out of tries", NO_SMS_CODE);
        }).login();
    }

    /**
     * The second step for a user who must enrol: confirms the new authenticator with its first
     * code, then signs in. A wrong code counts in the jail (the enrolment audits nothing until it succeeds).
     *
     * @return the result, and the recovery codes to show once when it succeeded
     */
    @Transactional
    public EnrolmentResult enrolAndLogin(PendingLogin pending, TotpAuthenticator.Enrolment enrolment, String code,
            String sourceIp) {
        return secondStep(pending, sourceIp, p -> totp.confirm(p, enrolment, code, sourceIp)
                .map(codes -> Check.passed("second factor: authenticator app, enrolled now", codes))
                .orElseGet(() -> Check.wrong(null, WRONG_CODE)));
    }

    /** An enrolment at login: how the login ended, and the recovery codes to show once. */
    public record EnrolmentResult(LoginResult login, List<String> recoveryCodes) {
    }

    /**
     * What a second factor's check found: passed (with the details of the login's audit and, for an enrolment, the
     * recovery codes), or wrong (with the details of the {@code login.second-factor} failure, none to audit nothing,
     * and the answer).
     */
    private record Check(boolean passed, String details, String answer, List<String> recoveryCodes) {

        static Check passed(String details) {
            return passed(details, List.of());
        }

        static Check passed(String details, List<String> recoveryCodes) {
            return new Check(true, details, null, recoveryCodes);
        }

        static Check wrong(String details, String answer) {
            return new Check(false, details, answer, List.of());
        }
    }

    /**
     * The template of the three second factors (and of enrolling one): the step must come in time, takes the jail's
     * try (a ban of the user name does not hold at an address the user came from), runs the method's check; a wrong
     * answer counts in the jail before it is audited, a right one gives the try back and completes the login.
     */
    private EnrolmentResult secondStep(PendingLogin pending, String sourceIp, Function<PortalPrincipal, Check> method) {
        if (!pending.validAt(clock.instant())) {
            return new EnrolmentResult(LoginResult.refused(TOO_LATE), List.of());
        }
        PortalPrincipal p = pending.principal();
        Admission admission = steps.admit(LoginAttempt.of(p, pending.tried(), sourceIp));
        if (!admission.admitted()) {
            return new EnrolmentResult(LoginResult.banned(admission.refusedUntil()), List.of());
        }
        Check check = method.apply(p);
        if (!check.passed()) {
            if (check.details() == null) {
                steps.failed(admission);
            } else {
                steps.failed(admission, pending.entry(AuditAction.LOGIN_SECOND_FACTOR, Outcome.FAILURE, sourceIp)
                        .withDetails(check.details()));
            }
            return new EnrolmentResult(LoginResult.refused(check.answer()), List.of());
        }
        steps.succeeded(admission);
        return new EnrolmentResult(complete(p, pending.tried(), sourceIp, check.details()), check.recoveryCodes());
    }

    /**
     * Every factor is checked: the pipeline's record step (state re-checked under the user's lock, the login counted,
     * the jail told, the address remembered, audited), then the sign-in once all of that is committed: a failing write
     * can no longer leave a session signed in.
     */
    private LoginResult complete(PortalPrincipal principal, String tried, String sourceIp, String details) {
        Instant now = clock.instant();
        Optional<String> refusal = steps.record(LoginAttempt.of(principal, tried, sourceIp), now, AuditAction.LOGIN, null,
                details);
        if (refusal.isPresent()) {
            return LoginResult.refused(refusal.get());
        }
        em.flush();
        signInAfterCommit(new ConfirmedLoginToken(principal, sourceIp));
        User found = em.find(User.class, principal.userId()); // the entity the record step locked and counted
        if (found.isMustChangePassword()) {
            return new LoginResult(LoginResult.Status.MUST_CHANGE_PASSWORD, "Please choose a new password.");
        }
        AccountPolicy rules = policies.of(principal.accountId());
        if (rules.passwordExpired(found.getPasswordChangedAt(), now)) {
            return new LoginResult(LoginResult.Status.MUST_CHANGE_PASSWORD, "Your password is older than "
                    + rules.getPasswordMaxAgeDays() + " days, the most this account allows. Please choose a new one.");
        }
        return new LoginResult(LoginResult.Status.SIGNED_IN, null);
    }

    /** Whether a typed code is meant for the authenticator app (digits, spaces allowed) rather than a recovery code. */
    private static boolean isAuthenticatorCode(String typed) {
        return !typed.isEmpty() && typed.replace(" ", "").chars().allMatch(Character::isDigit);
    }

    /**
     * A signed-in user proves it is them before changing their second factor: the password and a current code (of
     * the authenticator app, or a recovery code). Counted in the jail like a login; audited ({@code login.reauth}).
     *
     * @return {@code SIGNED_IN} when both are right, {@code REFUSED} or {@code BANNED} otherwise
     */
    @Transactional
    public LoginResult reauthenticate(PortalPrincipal user, char[] password, String code, String sourceIp) {
        Admission admission = steps.admit(LoginAttempt.of(user, user.qualifiedName(), sourceIp));
        if (!admission.admitted()) {
            return LoginResult.banned(admission.refusedUntil());
        }
        User found = em.find(User.class, user.userId());
        String typed = code == null ? "" : code.strip();
        boolean passwordRight = found != null && passwords.matches(password, found.getPasswordHash());
        boolean codeRight = passwordRight && !typed.isEmpty()
                && (isAuthenticatorCode(typed)
                        ? totp.verify(user.userId(), typed).accepted() : totp.redeemRecoveryCode(user.userId(), typed));
        if (!codeRight) {
            steps.failed(admission, AuditEntry.self(user, AuditAction.LOGIN_REAUTH, Outcome.FAILURE, sourceIp)
                    .withDetails(passwordRight ? "wrong code" : "wrong password"));
            return LoginResult.refused(WRONG_REAUTH);
        }
        steps.succeeded(admission);
        steps.audit(AuditEntry.self(user, AuditAction.LOGIN_REAUTH, Outcome.SUCCESS, sourceIp)
                .withDetails("password and current code, to replace the authenticator"));
        return new LoginResult(LoginResult.Status.SIGNED_IN, null);
    }

    /**
     * Whether the jail refuses this pending login's address or user name now (then no mail or SMS is sent): a
     * user name's ban does not apply at an address the user signed in from before, as at the login.
     *
     * @return when the refusal ends, or empty
     */
    public Optional<Instant> banned(PendingLogin pending, String sourceIp) {
        Optional<io.keyswitch.jail.Ban> ban = jail.activeBan(sourceIp, pending.tried());
        if (ban.isEmpty() || (ban.get().kind() == io.keyswitch.jail.BanKind.USER_NAME
                && known.signedInFrom(pending.principal().userId(), sourceIp))) {
            return Optional.empty();
        }
        return Optional.of(ban.get().until());
    }

    /** Signs the subject of this request in once the login's transaction has committed (at once without one). */
    private void signInAfterCommit(ConfirmedLoginToken token) {
        Subject subject = SecurityUtils.getSubject();
        if (transactions.getTransactionKey() == null) {
            subject.login(token);
            return;
        }
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the commit
            }

            @Override
            public void afterCompletion(int status) {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                    subject.login(token);
                }
            }
        });
    }

    /** Whether the user may still be connected now (account and user active, temporary validity); no login counted. */
    @Transactional
    public Optional<String> stillAllowed(long userId) {
        User found = em.find(User.class, userId);
        if (found == null) {
            return Optional.of("user deleted");
        }
        Instant now = clock.instant();
        Account account = found.getAccount();
        if (!account.isActive()) {
            return Optional.of("account disabled");
        }
        if (found.getStatus() != UserStatus.ACTIVE) {
            return Optional.of("user disabled");
        }
        if (found.getValidUntil() != null && !now.isBefore(found.getValidUntil())) {
            return Optional.of("temporary access expired");
        }
        if (found.getValidFrom() != null && now.isBefore(found.getValidFrom())) {
            return Optional.of("temporary access not valid yet");
        }
        return Optional.empty();
    }

    /** Audits the end of a session, then ends it. */
    @Transactional
    public void logout(String sourceIp) {
        Subject subject = SecurityUtils.getSubject();
        if (subject.getPrincipal() instanceof PortalPrincipal p) {
            steps.audit(AuditEntry.self(p, AuditAction.LOGOUT, Outcome.SUCCESS, sourceIp));
        }
        subject.logout();
    }
}
