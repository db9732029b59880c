package io.keyswitch.account;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The rules of one account: whether every change needs a reason, after how many days without login
 * a user is disabled, the password policy, and the rules of technician connections (reason at Connect,
 * idle timeout, how many at once). An account that never changed them has the defaults.
 */
@Entity
@Table(name = "account_policy")
public class AccountPolicy {

    public static final int DEFAULT_INACTIVITY_DAYS = 90;
    public static final int DEFAULT_PASSWORD_HISTORY = 5;
    public static final int DEFAULT_CONNECTION_IDLE_MINUTES = 30;

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

    /** Whether a technician must say why they connect. */
    @Column(name = "connection_reason_required", nullable = false)
    private boolean connectionReasonRequired = true;

    /** Minutes without traffic after which a connection is closed; 0: never. */
    @Column(name = "connection_idle_minutes", nullable = false)
    private int connectionIdleMinutes = DEFAULT_CONNECTION_IDLE_MINUTES;

    /** Connections open at once in the account; 0: only the appliance's limit. */
    @Column(name = "connections_per_account", nullable = false)
    private int connectionsPerAccount;

    /** Devices one technician may be connected to at once. */
    @Column(name = "connections_per_user", nullable = false)
    private int connectionsPerUser = 1;

    /** Technicians that may be connected to one device at once. */
    @Column(name = "connections_per_device", nullable = false)
    private int connectionsPerDevice = 1;

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

    public boolean isConnectionReasonRequired() {
        return connectionReasonRequired;
    }

    public void setConnectionReasonRequired(boolean connectionReasonRequired) {
        this.connectionReasonRequired = connectionReasonRequired;
    }

    public int getConnectionIdleMinutes() {
        return connectionIdleMinutes;
    }

    public void setConnectionIdleMinutes(int connectionIdleMinutes) {
        this.connectionIdleMinutes = connectionIdleMinutes;
    }

    public int getConnectionsPerAccount() {
        return connectionsPerAccount;
    }

    public void setConnectionsPerAccount(int connectionsPerAccount) {
        this.connectionsPerAccount = connectionsPerAccount;
    }

    public int getConnectionsPerUser() {
        return connectionsPerUser;
    }

    public void setConnectionsPerUser(int connectionsPerUser) {
        this.connectionsPerUser = connectionsPerUser;
    }

    public int getConnectionsPerDevice() {
        return connectionsPerDevice;
    }

    public void setConnectionsPerDevice(int connectionsPerDevice) {
        this.connectionsPerDevice = connectionsPerDevice;
    }

    /** Whether a connection last active at {@code lastActivity} has been idle too long by {@code now}. */
    public boolean connectionIdleTooLong(Instant lastActivity, Instant now) {
        return connectionIdleMinutes > 0 && lastActivity != null
                && !now.isBefore(lastActivity.plus(java.time.Duration.ofMinutes(connectionIdleMinutes)));
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    void touch(Instant at) {
        this.updatedAt = at;
    }
}
