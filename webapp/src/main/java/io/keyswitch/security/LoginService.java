package io.keyswitch.security;

import io.keyswitch.account.Account;
import io.keyswitch.account.AccountPolicies;
import io.keyswitch.account.AccountPolicy;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.security.jail.Admission;
import io.keyswitch.security.jail.LoginJail;
import io.keyswitch.security.sms.SmsCodes;
import io.keyswitch.security.totp.TotpVerification;
import io.keyswitch.user.LoginNames;
import io.keyswitch.user.User;
import io.keyswitch.user.UserDirectory;
import io.keyswitch.user.UserStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.subject.Subject;

/**
 * The login procedure, one for every way in: asks the login jail first, checks the password
 * (Shiro, bcrypt), then whether the user may log in now (account and user active, temporary
 * validity, number of logins), then the second factor where the user has one or the policy asks
 * for one; every attempt is audited and every failure, of password or code, counts in the jail.
 * Shiro knows the user only once every factor is checked ({@link ConfirmedLoginToken}).
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

    /** The answer when the second step came too late. */
    public static final String TOO_LATE = "The login took too long. Please log in again.";

    @Inject
    UserDirectory directory;

    @Inject
    AuditTrail audit;

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
        Admission admission = jail.admit(sourceIp, name.map(LoginNames.Canonical::qualified).orElse(null),
                () -> name.flatMap(n -> directory.findForLogin(n.account(), n.user()))
                        .map(u -> known.signedInFrom(u.getId(), sourceIp)).orElse(false));
        if (!admission.admitted()) {
            // Refused without checking the password; the ban itself is audited once (jail.ban), not each refused
            // attempt, so that an attacker cannot turn the jail into database writes. Nor is it counted as a
            // failure: a person whose user name an attacker got banned would otherwise get their own address
            // banned by trying.
            return LoginResult.banned(admission.refusedUntil());
        }
        AuthenticationInfo info = null;
        if (name.isPresent()) {
            try {
                // Checks the password without signing anybody in: that happens when every factor is done.
                info = SecurityUtils.getSecurityManager().authenticate(
                        new AccountPasswordToken(name.get().account(), name.get().user(), password, sourceIp));
            } catch (AuthenticationException wrongAccountUserOrPassword) {
                info = null;
            }
        } else {
            passwords.spendOneCheck(password); // a name that cannot exist costs what a wrong password costs
        }
        if (info == null) {
            jail.failed(admission);
            Long accountId = name.flatMap(n -> directory.accountIdByName(n.account())).orElse(null);
            audit.record(new AuditEntry(accountId, tried, null, sourceIp, "login",
                    "user:" + name.map(LoginNames.Canonical::user).orElseGet(() -> LoginNames.shown(username)),
                    Outcome.FAILURE, null, "wrong account, user name or password"));
            return LoginResult.refused(LoginResult.NEUTRAL_FAILURE);
        }
        PortalPrincipal principal = info.getPrincipals().oneByType(PortalPrincipal.class);
        User found = em.find(User.class, principal.userId());
        Instant now = clock.instant();
        AccountPolicy rules = policies.of(principal.accountId());
        if (found.getStatus() == UserStatus.ACTIVE && !found.isSystemAdmin()
                && rules.inactiveTooLong(found.lastActivity(), now)) {
            // The hourly sweep may not have come by yet: the rule holds at the door too.
            found.setStatus(UserStatus.DISABLED);
            audit.record(new AuditEntry(principal.accountId(), "system", null, sourceIp, "user.disable.inactive",
                    "user:" + principal.username(), Outcome.SUCCESS, null,
                    "no login for " + rules.getInactivityDays() + " days (account rule)"));
        }
        // the password was right: its try is given back (the login's success is counted when it completes)
        jail.succeeded(admission);
        Optional<String> refusal = refusal(found, now);
        if (refusal.isPresent()) {
            audit.record(new AuditEntry(principal.accountId(), tried, principal.userId(), sourceIp, "login",
                    "user:" + principal.username(), Outcome.DENIED, null, refusal.get()));
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
            audit.record(new AuditEntry(principal.accountId(), tried, principal.userId(), sourceIp, "login.password",
                    "user:" + principal.username(), Outcome.SUCCESS,
                    mustEnrol ? "second factor required, none enrolled: enrolment next" : "second factor next", null));
            PendingLogin pending = new PendingLogin(principal, tried, now, mustEnrol, enrolled, mailLink, sms);
            return new LoginResult(mustEnrol ? LoginResult.Status.ENROL : LoginResult.Status.SECOND_FACTOR,
                    null, null, pending);
        }
        return complete(principal, tried, sourceIp, null);
    }

    /** The jail's try for a second step of this pending login (its user name is a known user: the address may be known). */
    private Admission admitSecondStep(PendingLogin pending, String sourceIp) {
        return jail.admit(sourceIp, pending.tried(), () -> known.signedInFrom(pending.principal().userId(), sourceIp));
    }

    /**
     * The second step: a TOTP code (digits) or a recovery code. A wrong code counts in the jail
     * like a wrong password.
     */
    @Transactional
    public LoginResult secondFactor(PendingLogin pending, String code, String sourceIp) {
        if (!pending.validAt(clock.instant())) {
            return LoginResult.refused(TOO_LATE);
        }
        Admission admission = admitSecondStep(pending, sourceIp);
        if (!admission.admitted()) {
            return LoginResult.banned(admission.refusedUntil());
        }
        PortalPrincipal p = pending.principal();
        String typed = code == null ? "" : code.strip();
        boolean isTotp = !typed.isEmpty() && typed.replace(" ", "").chars().allMatch(Character::isDigit);
        boolean accepted;
        String method;
        if (isTotp) {
            TotpVerification v = totp.verify(p.userId(), typed);
            accepted = v.accepted();
            method = v == TotpVerification.REPLAYED ? "authenticator code used before" : "authenticator code";
        } else {
            accepted = totp.redeemRecoveryCode(p.userId(), typed);
            method = "recovery code";
        }
        if (!accepted) {
            jail.failed(admission);
            audit.record(new AuditEntry(p.accountId(), pending.tried(), p.userId(), sourceIp, "login.second-factor",
                    "user:" + p.username(), Outcome.FAILURE, "wrong " + method, null));
            return LoginResult.refused(WRONG_CODE);
        }
        jail.succeeded(admission);
        String details = isTotp ? "second factor: authenticator app"
                : "second factor: recovery code (" + totp.remainingRecoveryCodes(p.userId()) + " left)";
        return complete(p, pending.tried(), sourceIp, details);
    }

    /**
     * The second step by e-mail link: the link's token must belong to the login waiting in this
     * session. An unknown, used, expired or foreign link counts in the jail like a wrong code.
     */
    @Transactional
    public LoginResult mailLink(PendingLogin pending, String token, String sourceIp) {
        if (!pending.validAt(clock.instant())) {
            return LoginResult.refused(TOO_LATE);
        }
        Admission admission = admitSecondStep(pending, sourceIp);
        if (!admission.admitted()) {
            return LoginResult.banned(admission.refusedUntil());
        }
        PortalPrincipal p = pending.principal();
        Optional<Long> owner = mailLinks.redeem(token);
        if (owner.isEmpty() || owner.get() != p.userId()) {
            jail.failed(admission);
            audit.record(new AuditEntry(p.accountId(), pending.tried(), p.userId(), sourceIp, "login.second-factor",
                    "user:" + p.username(), Outcome.FAILURE,
                    owner.isEmpty() ? "e-mail link unknown, used or expired" : "e-mail link of another user", null));
            return LoginResult.refused(WRONG_LINK);
        }
        jail.succeeded(admission);
        return complete(p, pending.tried(), sourceIp, "second factor: e-mail link");
    }

    /**
     * The second step by SMS code: the code sent for this user, once, within its validity and its
     * tries. A wrong code, or a try when there is none, counts in the jail like a wrong password.
     */
    @Transactional
    public LoginResult smsCode(PendingLogin pending, String code, String sourceIp) {
        if (!pending.validAt(clock.instant())) {
            return LoginResult.refused(TOO_LATE);
        }
        Admission admission = admitSecondStep(pending, sourceIp);
        if (!admission.admitted()) {
            return LoginResult.banned(admission.refusedUntil());
        }
        PortalPrincipal p = pending.principal();
        SmsCodes.Check check = smsCodes.check(p.userId(), code);
        if (check != SmsCodes.Check.ACCEPTED) {
            jail.failed(admission);
            audit.record(new AuditEntry(p.accountId(), pending.tried(), p.userId(), sourceIp, "login.second-factor",
                    "user:" + p.username(), Outcome.FAILURE, check == SmsCodes.Check.WRONG ? "wrong SMS code"
                            : "SMS code not sent, used, expired or out of tries", null));
            return LoginResult.refused(check == SmsCodes.Check.WRONG ? WRONG_CODE : NO_SMS_CODE);
        }
        jail.succeeded(admission);
        return complete(p, pending.tried(), sourceIp, "second factor: SMS code");
    }

    /**
     * The second step for a user who must enrol: confirms the new authenticator with its first
     * code, then signs in.
     *
     * @return the result, and the recovery codes to show once when it succeeded
     */
    @Transactional
    public EnrolmentResult enrolAndLogin(PendingLogin pending, TotpAuthenticator.Enrolment enrolment, String code,
            String sourceIp) {
        if (!pending.validAt(clock.instant())) {
            return new EnrolmentResult(LoginResult.refused(TOO_LATE), List.of());
        }
        Admission admission = admitSecondStep(pending, sourceIp);
        if (!admission.admitted()) {
            return new EnrolmentResult(LoginResult.banned(admission.refusedUntil()), List.of());
        }
        Optional<List<String>> codes = totp.confirm(pending.principal(), enrolment, code, sourceIp);
        if (codes.isEmpty()) {
            jail.failed(admission);
            return new EnrolmentResult(LoginResult.refused(WRONG_CODE), List.of());
        }
        jail.succeeded(admission);
        return new EnrolmentResult(complete(pending.principal(), pending.tried(), sourceIp,
                "second factor: authenticator app, enrolled now"), codes.get());
    }

    /** An enrolment at login: how the login ended, and the recovery codes to show once. */
    public record EnrolmentResult(LoginResult login, List<String> recoveryCodes) {
    }

    /**
     * Every factor is checked: re-checks the user's state, counts the login, remembers the address and audits it,
     * and signs in only once all of that is committed: a failing write can no longer leave a session signed in.
     */
    private LoginResult complete(PortalPrincipal principal, String tried, String sourceIp, String details) {
        // Locked, so that logins of one user at the same time count one after the other (a temporary
        // user's last allowed login is given once) instead of failing on the row's version.
        User found = em.find(User.class, principal.userId(), LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        Optional<String> refusal = refusal(found, now);
        if (refusal.isPresent()) {
            audit.record(new AuditEntry(principal.accountId(), tried, principal.userId(), sourceIp, "login",
                    "user:" + principal.username(), Outcome.DENIED, null, refusal.get()));
            return LoginResult.refused(refusal.get());
        }
        found.recordLogin(now);
        jail.recordSuccess(sourceIp, tried);
        known.remember(principal.userId(), sourceIp);
        audit.record(new AuditEntry(principal.accountId(), tried, principal.userId(), sourceIp, "login",
                "user:" + principal.username(), Outcome.SUCCESS, details, null));
        em.flush();
        signInAfterCommit(new ConfirmedLoginToken(principal, sourceIp));
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

    /**
     * A technician's VPN login (OpenVPN static challenge): the user named by the profile's certificate, the user name
     * typed, the password and the authenticator code, all in one step. The same jail, password check, account and user
     * state, temporary validity and login limit as the web login, and the second factor is required: a user without
     * an authenticator app is refused. Nobody is signed in to the web (no Shiro subject): the VPN session is the
     * login. Every attempt is audited (action {@code vpn.login}) and every failure counts in the jail.
     *
     * @param userId the user the profile's certificate was issued to
     */
    @Transactional
    public LoginResult vpnLogin(long userId, String username, char[] password, String code, String sourceIp) {
        User found = em.find(User.class, userId);
        Optional<LoginNames.Canonical> name = found == null ? Optional.empty()
                : LoginNames.parse(found.getAccount().getName(), username);
        String typed = name.map(LoginNames.Canonical::user).orElseGet(() -> LoginNames.shown(username));
        String tried = name.map(LoginNames.Canonical::qualified)
                .orElseGet(() -> (found == null ? "?" : found.getAccount().getName()) + "/" + typed);
        Long accountId = found == null ? null : found.getAccount().getId();
        Admission admission = jail.admit(sourceIp, name.map(LoginNames.Canonical::qualified).orElse(null),
                () -> found != null && known.signedInFrom(userId, sourceIp));
        if (!admission.admitted()) {
            audit.record(new AuditEntry(accountId, tried, userId, sourceIp, "vpn.login", "user:" + typed,
                    Outcome.DENIED, "VPN", "address or user name jailed"));
            return LoginResult.banned(admission.refusedUntil());
        }
        boolean nameRight = found != null && name.isPresent() && found.getUsername().equals(name.get().user());
        if (!nameRight) {
            passwords.spendOneCheck(password);
        }
        if (!nameRight || !passwords.matches(password, found.getPasswordHash())) {
            jail.failed(admission);
            audit.record(new AuditEntry(accountId, tried, found == null ? null : userId, sourceIp, "vpn.login",
                    "user:" + typed, Outcome.FAILURE, "VPN", "wrong user name or password for this profile"));
            return LoginResult.refused(LoginResult.NEUTRAL_FAILURE);
        }
        Instant now = clock.instant();
        AccountPolicy rules = policies.of(found.getAccount().getId());
        if (found.getStatus() == UserStatus.ACTIVE && !found.isSystemAdmin()
                && rules.inactiveTooLong(found.lastActivity(), now)) {
            // as at the web login: the hourly sweep may not have come by yet
            found.setStatus(UserStatus.DISABLED);
            audit.record(new AuditEntry(accountId, "system", null, sourceIp, "user.disable.inactive",
                    "user:" + typed, Outcome.SUCCESS, null,
                    "no login for " + rules.getInactivityDays() + " days (account rule)"));
        }
        Optional<String> refusal = refusal(found, now);
        if (refusal.isPresent()) {
            audit.record(new AuditEntry(accountId, tried, userId, sourceIp, "vpn.login", "user:" + typed,
                    Outcome.DENIED, "VPN", refusal.get()));
            return LoginResult.refused(refusal.get());
        }
        if (found.isMustChangePassword() || rules.passwordExpired(found.getPasswordChangedAt(), now)) {
            // the VPN has no way to change it: the web login does
            audit.record(new AuditEntry(accountId, tried, userId, sourceIp, "vpn.login", "user:" + typed,
                    Outcome.DENIED, "VPN", "password must be changed in the portal first"));
            return LoginResult.refused("Please change your password in the portal first.");
        }
        if (!totp.enrolled(userId)) {
            audit.record(new AuditEntry(accountId, tried, userId, sourceIp, "vpn.login", "user:" + typed,
                    Outcome.DENIED, "VPN", "no authenticator app enrolled: the VPN needs one"));
            return LoginResult.refused("The VPN needs an authenticator app: enrol one in the portal first.");
        }
        TotpVerification v = totp.verify(userId, code == null ? "" : code.strip());
        if (!v.accepted()) {
            jail.failed(admission);
            audit.record(new AuditEntry(accountId, tried, userId, sourceIp, "vpn.login", "user:" + typed,
                    Outcome.FAILURE, "VPN", v == TotpVerification.REPLAYED ? "authenticator code used before"
                    : "wrong authenticator code"));
            return LoginResult.refused(WRONG_CODE);
        }
        jail.succeeded(admission);
        User locked = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        refusal = refusal(locked, now);
        if (refusal.isPresent()) {
            audit.record(new AuditEntry(accountId, tried, userId, sourceIp, "vpn.login", "user:" + typed,
                    Outcome.DENIED, "VPN", refusal.get()));
            return LoginResult.refused(refusal.get());
        }
        locked.recordLogin(now);
        jail.recordSuccess(sourceIp, tried);
        known.remember(userId, sourceIp);
        audit.record(new AuditEntry(accountId, tried, userId, sourceIp, "vpn.login", "user:" + typed,
                Outcome.SUCCESS, "VPN, second factor: authenticator app", null));
        return new LoginResult(LoginResult.Status.SIGNED_IN, null);
    }

    /**
     * A signed-in user proves it is them before changing their second factor: the password and a current code (of
     * the authenticator app, or a recovery code). Counted in the jail like a login; audited ({@code login.reauth}).
     *
     * @return {@code SIGNED_IN} when both are right, {@code REFUSED} or {@code BANNED} otherwise
     */
    @Transactional
    public LoginResult reauthenticate(PortalPrincipal user, char[] password, String code, String sourceIp) {
        String tried = user.qualifiedName();
        Admission admission = jail.admit(sourceIp, tried, () -> known.signedInFrom(user.userId(), sourceIp));
        if (!admission.admitted()) {
            return LoginResult.banned(admission.refusedUntil());
        }
        User found = em.find(User.class, user.userId());
        String typed = code == null ? "" : code.strip();
        boolean passwordRight = found != null && passwords.matches(password, found.getPasswordHash());
        boolean codeRight = passwordRight && !typed.isEmpty()
                && (typed.replace(" ", "").chars().allMatch(Character::isDigit)
                        ? totp.verify(user.userId(), typed).accepted() : totp.redeemRecoveryCode(user.userId(), typed));
        if (!codeRight) {
            jail.failed(admission);
            audit.record(new AuditEntry(user.accountId(), tried, user.userId(), sourceIp, "login.reauth",
                    "user:" + user.username(), Outcome.FAILURE, passwordRight ? "wrong code" : "wrong password", null));
            return LoginResult.refused(WRONG_REAUTH);
        }
        jail.succeeded(admission);
        audit.record(new AuditEntry(user.accountId(), tried, user.userId(), sourceIp, "login.reauth",
                "user:" + user.username(), Outcome.SUCCESS, "password and current code, to replace the authenticator", null));
        return new LoginResult(LoginResult.Status.SIGNED_IN, null);
    }

    /**
     * Whether the jail refuses this pending login's address or user name now (then no mail or SMS is sent): a
     * user name's ban does not apply at an address the user signed in from before, as at the login.
     *
     * @return when the refusal ends, or empty
     */
    public Optional<Instant> banned(PendingLogin pending, String sourceIp) {
        Optional<io.keyswitch.security.jail.Ban> ban = jail.activeBan(sourceIp, pending.tried());
        if (ban.isEmpty() || (ban.get().kind() == io.keyswitch.security.jail.BanKind.USER_NAME
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
}
