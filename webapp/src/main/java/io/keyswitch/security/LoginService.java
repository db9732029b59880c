package io.keyswitch.security;

import io.keyswitch.account.Account;
import io.keyswitch.account.AccountPolicies;
import io.keyswitch.account.AccountPolicy;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Outcome;
import io.keyswitch.security.jail.Ban;
import io.keyswitch.security.jail.LoginJail;
import io.keyswitch.security.sms.SmsCodes;
import io.keyswitch.security.totp.TotpVerification;
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

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    /** The first step: account, user name and password. */
    @Transactional
    public LoginResult login(String accountName, String username, char[] password, String sourceIp) {
        String account = trim(accountName);
        String user = trim(username);
        String tried = account + "/" + user;
        Optional<Ban> ban = jail.activeBan(sourceIp, tried);
        if (ban.isPresent()) {
            // Refused without checking the password; the ban itself is audited once (jail.ban),
            // not each refused attempt, so that an attacker cannot turn the jail into database writes.
            // Nor is it counted as a failure: a person whose user name an attacker got banned would
            // otherwise get their own address banned by trying.
            return LoginResult.banned(ban.get().until());
        }
        AuthenticationInfo info;
        try {
            // Checks the password without signing anybody in: that happens when every factor is done.
            info = SecurityUtils.getSecurityManager().authenticate(new AccountPasswordToken(account, user, password, sourceIp));
        } catch (AuthenticationException wrongAccountUserOrPassword) {
            Long accountId = directory.accountIdByName(account).orElse(null);
            audit.record(new AuditEntry(accountId, tried, null, sourceIp, "login", "user:" + user,
                    Outcome.FAILURE, null, "wrong account, user name or password"));
            jail.recordFailure(sourceIp, tried);
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
                    "user:" + user, Outcome.SUCCESS, null,
                    "no login for " + rules.getInactivityDays() + " days (account rule)"));
        }
        Optional<String> refusal = refusal(found, now);
        if (refusal.isPresent()) {
            audit.record(new AuditEntry(principal.accountId(), tried, principal.userId(), sourceIp, "login",
                    "user:" + user, Outcome.DENIED, null, refusal.get()));
            return LoginResult.refused(refusal.get());
        }
        boolean enrolled = totp.enrolled(principal.userId());
        if (enrolled || policy.requiredFor(principal.userId())) {
            // A user who needs a second factor and has no app, but an e-mail address while SMTP is
            // configured or a phone number while an SMS gateway is, gets the e-mail link or the SMS
            // code; only without any of them is enrolment the next step.
            boolean mailLink = mailLinks.availableFor(principal.userId());
            boolean sms = smsCodes.availableFor(principal.userId());
            boolean mustEnrol = !enrolled && !mailLink && !sms;
            audit.record(new AuditEntry(principal.accountId(), tried, principal.userId(), sourceIp, "login.password",
                    "user:" + user, Outcome.SUCCESS,
                    mustEnrol ? "second factor required, none enrolled: enrolment next" : "second factor next", null));
            PendingLogin pending = new PendingLogin(principal, tried, now, mustEnrol, enrolled, mailLink, sms);
            return new LoginResult(mustEnrol ? LoginResult.Status.ENROL : LoginResult.Status.SECOND_FACTOR,
                    null, null, pending);
        }
        return complete(principal, tried, sourceIp, null);
    }

    /**
     * The second step: a TOTP code (digits) or a recovery code. A wrong code counts in the jail
     * like a wrong password.
     */
    @Transactional
    public LoginResult secondFactor(PendingLogin pending, String code, String sourceIp) {
        Optional<Ban> ban = jail.activeBan(sourceIp, pending.tried());
        if (ban.isPresent()) {
            return LoginResult.banned(ban.get().until());
        }
        if (!pending.validAt(clock.instant())) {
            return LoginResult.refused(TOO_LATE);
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
            audit.record(new AuditEntry(p.accountId(), pending.tried(), p.userId(), sourceIp, "login.second-factor",
                    "user:" + p.username(), Outcome.FAILURE, "wrong " + method, null));
            jail.recordFailure(sourceIp, pending.tried());
            return LoginResult.refused(WRONG_CODE);
        }
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
        Optional<Ban> ban = jail.activeBan(sourceIp, pending.tried());
        if (ban.isPresent()) {
            return LoginResult.banned(ban.get().until());
        }
        if (!pending.validAt(clock.instant())) {
            return LoginResult.refused(TOO_LATE);
        }
        PortalPrincipal p = pending.principal();
        Optional<Long> owner = mailLinks.redeem(token);
        if (owner.isEmpty() || owner.get() != p.userId()) {
            audit.record(new AuditEntry(p.accountId(), pending.tried(), p.userId(), sourceIp, "login.second-factor",
                    "user:" + p.username(), Outcome.FAILURE,
                    owner.isEmpty() ? "e-mail link unknown, used or expired" : "e-mail link of another user", null));
            jail.recordFailure(sourceIp, pending.tried());
            return LoginResult.refused(WRONG_LINK);
        }
        return complete(p, pending.tried(), sourceIp, "second factor: e-mail link");
    }

    /**
     * The second step by SMS code: the code sent for this user, once, within its validity and its
     * tries. A wrong code, or a try when there is none, counts in the jail like a wrong password.
     */
    @Transactional
    public LoginResult smsCode(PendingLogin pending, String code, String sourceIp) {
        Optional<Ban> ban = jail.activeBan(sourceIp, pending.tried());
        if (ban.isPresent()) {
            return LoginResult.banned(ban.get().until());
        }
        if (!pending.validAt(clock.instant())) {
            return LoginResult.refused(TOO_LATE);
        }
        PortalPrincipal p = pending.principal();
        SmsCodes.Check check = smsCodes.check(p.userId(), code);
        if (check != SmsCodes.Check.ACCEPTED) {
            audit.record(new AuditEntry(p.accountId(), pending.tried(), p.userId(), sourceIp, "login.second-factor",
                    "user:" + p.username(), Outcome.FAILURE, check == SmsCodes.Check.WRONG ? "wrong SMS code"
                            : "SMS code not sent, used, expired or out of tries", null));
            jail.recordFailure(sourceIp, pending.tried());
            return LoginResult.refused(check == SmsCodes.Check.WRONG ? WRONG_CODE : NO_SMS_CODE);
        }
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
        Optional<List<String>> codes = totp.confirm(pending.principal(), enrolment, code, sourceIp);
        if (codes.isEmpty()) {
            return new EnrolmentResult(LoginResult.refused(WRONG_CODE), List.of());
        }
        return new EnrolmentResult(complete(pending.principal(), pending.tried(), sourceIp,
                "second factor: authenticator app, enrolled now"), codes.get());
    }

    /** An enrolment at login: how the login ended, and the recovery codes to show once. */
    public record EnrolmentResult(LoginResult login, List<String> recoveryCodes) {
    }

    /** Every factor is checked: re-checks the user's state, signs in, counts the login and audits it. */
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
        Subject subject = SecurityUtils.getSubject();
        subject.login(new ConfirmedLoginToken(principal, sourceIp));
        found.recordLogin(now);
        jail.recordSuccess(sourceIp, tried);
        audit.record(new AuditEntry(principal.accountId(), tried, principal.userId(), sourceIp, "login",
                "user:" + principal.username(), Outcome.SUCCESS, details, null));
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
        String typed = trim(username);
        String tried = (found == null ? "?" : found.getAccount().getName()) + "/" + typed;
        Optional<Ban> ban = jail.activeBan(sourceIp, tried);
        Long accountId = found == null ? null : found.getAccount().getId();
        if (ban.isPresent()) {
            audit.record(new AuditEntry(accountId, tried, userId, sourceIp, "vpn.login", "user:" + typed,
                    Outcome.DENIED, "VPN", "address or user name jailed"));
            return LoginResult.banned(ban.get().until());
        }
        if (found == null || !found.getUsername().equals(typed) || !passwords.matches(password, found.getPasswordHash())) {
            audit.record(new AuditEntry(accountId, tried, found == null ? null : userId, sourceIp, "vpn.login",
                    "user:" + typed, Outcome.FAILURE, "VPN", "wrong user name or password for this profile"));
            jail.recordFailure(sourceIp, tried);
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
            audit.record(new AuditEntry(accountId, tried, userId, sourceIp, "vpn.login", "user:" + typed,
                    Outcome.FAILURE, "VPN", v == TotpVerification.REPLAYED ? "authenticator code used before"
                    : "wrong authenticator code"));
            jail.recordFailure(sourceIp, tried);
            return LoginResult.refused(WRONG_CODE);
        }
        User locked = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        refusal = refusal(locked, now);
        if (refusal.isPresent()) {
            audit.record(new AuditEntry(accountId, tried, userId, sourceIp, "vpn.login", "user:" + typed,
                    Outcome.DENIED, "VPN", refusal.get()));
            return LoginResult.refused(refusal.get());
        }
        locked.recordLogin(now);
        jail.recordSuccess(sourceIp, tried);
        audit.record(new AuditEntry(accountId, tried, userId, sourceIp, "vpn.login", "user:" + typed,
                Outcome.SUCCESS, "VPN, second factor: authenticator app", null));
        return new LoginResult(LoginResult.Status.SIGNED_IN, null);
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

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
