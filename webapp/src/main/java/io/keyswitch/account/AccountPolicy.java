package io.keyswitch.account;

import io.keyswitch.platform.UtcInstantConverter;
import io.keyswitch.user.PasswordPolicy;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The rules of one account: whether every change needs a reason, after how many days without login
 * a user is disabled, and the password policy. An account that never changed them has the defaults.
 */
@Entity
@Table(name = "account_policy")
public class AccountPolicy {

    public static final int DEFAULT_INACTIVITY_DAYS = 90;
    public static final int DEFAULT_PASSWORD_HISTORY = 5;

    @Id
    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "reason_required", nullable = false)
    private boolean reasonRequired = true;

    /** 0: never disabled for inactivity. */
    @Column(name = "inactivity_days", nullable = false)
    private int inactivityDays = DEFAULT_INACTIVITY_DAYS;

    @Column(name = "password_min_length", nullable = false)
    private int passwordMinLength = PasswordPolicy.DEFAULT.minLength();

    @Column(name = "password_lower", nullable = false)
    private boolean passwordLower = PasswordPolicy.DEFAULT.requireLower();

    @Column(name = "password_upper", nullable = false)
    private boolean passwordUpper = PasswordPolicy.DEFAULT.requireUpper();

    @Column(name = "password_digit", nullable = false)
    private boolean passwordDigit = PasswordPolicy.DEFAULT.requireDigit();

    @Column(name = "password_symbol", nullable = false)
    private boolean passwordSymbol = PasswordPolicy.DEFAULT.requireSymbol();

    /** How many earlier passwords a new one may not repeat; 0: only the current one. */
    @Column(name = "password_history", nullable = false)
    private int passwordHistory = DEFAULT_PASSWORD_HISTORY;

    /** 0: passwords do not expire (NIST SP 800-63B advises against periodic changes). */
    @Column(name = "password_max_age_days", nullable = false)
    private int passwordMaxAgeDays;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    protected AccountPolicy() {
    }

    /** The defaults, for an account that has not changed them. */
    public AccountPolicy(long accountId) {
        this.accountId = accountId;
    }

    public PasswordPolicy passwordPolicy() {
        return new PasswordPolicy(passwordMinLength, passwordLower, passwordUpper, passwordDigit, passwordSymbol);
    }

    /** Whether someone last active at {@code lastActivity} has been away too long by {@code now}. */
    public boolean inactiveTooLong(Instant lastActivity, Instant now) {
        return inactivityDays > 0 && lastActivity != null
                && !now.isBefore(lastActivity.plus(java.time.Duration.ofDays(inactivityDays)));
    }

    /** Whether a password set at {@code changedAt} must be changed by {@code now}. */
    public boolean passwordExpired(Instant changedAt, Instant now) {
        return passwordMaxAgeDays > 0 && changedAt != null
                && !now.isBefore(changedAt.plus(java.time.Duration.ofDays(passwordMaxAgeDays)));
    }

    public Long getAccountId() {
        return accountId;
    }

    public boolean isReasonRequired() {
        return reasonRequired;
    }

    public void setReasonRequired(boolean reasonRequired) {
        this.reasonRequired = reasonRequired;
    }

    public int getInactivityDays() {
        return inactivityDays;
    }

    public void setInactivityDays(int inactivityDays) {
        this.inactivityDays = inactivityDays;
    }

    public int getPasswordMinLength() {
        return passwordMinLength;
    }

    public void setPasswordMinLength(int passwordMinLength) {
        this.passwordMinLength = passwordMinLength;
    }

    public boolean isPasswordLower() {
        return passwordLower;
    }

    public void setPasswordLower(boolean passwordLower) {
        this.passwordLower = passwordLower;
    }

    public boolean isPasswordUpper() {
        return passwordUpper;
    }

    public void setPasswordUpper(boolean passwordUpper) {
        this.passwordUpper = passwordUpper;
    }

    public boolean isPasswordDigit() {
        return passwordDigit;
    }

    public void setPasswordDigit(boolean passwordDigit) {
        this.passwordDigit = passwordDigit;
    }

    public boolean isPasswordSymbol() {
        return passwordSymbol;
    }

    public void setPasswordSymbol(boolean passwordSymbol) {
        this.passwordSymbol = passwordSymbol;
    }

    public int getPasswordHistory() {
        return passwordHistory;
    }

    public void setPasswordHistory(int passwordHistory) {
        this.passwordHistory = passwordHistory;
    }

    public int getPasswordMaxAgeDays() {
        return passwordMaxAgeDays;
    }

    public void setPasswordMaxAgeDays(int passwordMaxAgeDays) {
        this.passwordMaxAgeDays = passwordMaxAgeDays;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    void touch(Instant at) {
        this.updatedAt = at;
    }
}
