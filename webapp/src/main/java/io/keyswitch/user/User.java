package io.keyswitch.user;

import io.keyswitch.account.Account;
import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A person with their own login in one account; possibly temporary (valid from/until, at most N logins). */
@Entity
@Table(name = "app_user")
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false, updatable = false)
    private Account account;

    @Column(nullable = false, length = 64, updatable = false)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash;

    @Column(name = "full_name", nullable = false, length = 200)
    private String fullName;

    @Column(length = 254)
    private String email;

    @Column(length = 40)
    private String phone;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private UserStatus status = UserStatus.ACTIVE;

    @Column(name = "system_admin", nullable = false)
    private boolean systemAdmin;

    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "valid_from")
    private Instant validFrom;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "valid_until")
    private Instant validUntil;

    @Column(name = "max_logins")
    private Integer maxLogins;

    @Column(name = "login_count", nullable = false)
    private int loginCount;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "password_changed_at")
    private Instant passwordChangedAt;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected User() {
    }

    public User(Account account, String username, String fullName, String passwordHash, Instant createdAt) {
        this.account = account;
        this.username = username;
        this.fullName = fullName;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
        this.passwordChangedAt = createdAt;
    }

    /** Records a successful login: one more of the allowed logins is used. */
    public void recordLogin(Instant at) {
        loginCount++;
        lastLoginAt = at;
    }

    /** Replaces the password hash; the user no longer has to change it. */
    public void changePasswordHash(String newHash, Instant at) {
        passwordHash = newHash;
        passwordChangedAt = at;
        mustChangePassword = false;
    }

    /** When the user last logged in, or was created if they never did: where "days without login" count from. */
    public Instant lastActivity() {
        return lastLoginAt != null ? lastLoginAt : createdAt;
    }

    public Long getId() {
        return id;
    }

    public Account getAccount() {
        return account;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public String getFullName() {
        return fullName;
    }

    public void setFullName(String fullName) {
        this.fullName = fullName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public UserStatus getStatus() {
        return status;
    }

    public void setStatus(UserStatus status) {
        this.status = status;
    }

    public boolean isSystemAdmin() {
        return systemAdmin;
    }

    public void setSystemAdmin(boolean systemAdmin) {
        this.systemAdmin = systemAdmin;
    }

    public boolean isMustChangePassword() {
        return mustChangePassword;
    }

    public void setMustChangePassword(boolean mustChangePassword) {
        this.mustChangePassword = mustChangePassword;
    }

    public Instant getValidFrom() {
        return validFrom;
    }

    public void setValidFrom(Instant validFrom) {
        this.validFrom = validFrom;
    }

    public Instant getValidUntil() {
        return validUntil;
    }

    public void setValidUntil(Instant validUntil) {
        this.validUntil = validUntil;
    }

    public Integer getMaxLogins() {
        return maxLogins;
    }

    public void setMaxLogins(Integer maxLogins) {
        this.maxLogins = maxLogins;
    }

    public int getLoginCount() {
        return loginCount;
    }

    public Instant getLastLoginAt() {
        return lastLoginAt;
    }

    public Instant getPasswordChangedAt() {
        return passwordChangedAt != null ? passwordChangedAt : createdAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
