package io.keyswitch.user;

import java.io.Serializable;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What an administrator enters for a user; checked by {@link UserAdministration}. */
public class UserForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String username;
    private String fullName;
    private String email;
    private String phone;
    private boolean active = true;
    private boolean temporary;
    private Date validFrom;
    private Date validUntil;
    private Integer maxLogins;
    private List<Long> groupIds = new java.util.ArrayList<>();
    /** Whether the user is a system administrator; {@code null}: as it is (only a system administrator may change it). */
    private Boolean systemAdmin;

    public static UserForm of(User u, Set<Long> groups) {
        UserForm f = new UserForm();
        f.username = u.getUsername();
        f.fullName = u.getFullName();
        f.email = u.getEmail();
        f.phone = u.getPhone();
        f.active = u.getStatus() == UserStatus.ACTIVE;
        f.temporary = u.getValidFrom() != null || u.getValidUntil() != null || u.getMaxLogins() != null;
        f.validFrom = date(u.getValidFrom());
        f.validUntil = date(u.getValidUntil());
        f.maxLogins = u.getMaxLogins();
        f.groupIds = new java.util.ArrayList<>(new HashSet<>(groups));
        f.systemAdmin = u.isSystemAdmin();
        return f;
    }

    private static Date date(Instant i) {
        return i == null ? null : Date.from(i);
    }

    static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
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

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public boolean isTemporary() {
        return temporary;
    }

    public void setTemporary(boolean temporary) {
        this.temporary = temporary;
    }

    public Date getValidFrom() {
        return validFrom;
    }

    public void setValidFrom(Date validFrom) {
        this.validFrom = validFrom;
    }

    public Date getValidUntil() {
        return validUntil;
    }

    public void setValidUntil(Date validUntil) {
        this.validUntil = validUntil;
    }

    public Integer getMaxLogins() {
        return maxLogins;
    }

    public void setMaxLogins(Integer maxLogins) {
        this.maxLogins = maxLogins;
    }

    public List<Long> getGroupIds() {
        return groupIds;
    }

    public void setGroupIds(List<Long> groupIds) {
        this.groupIds = groupIds == null ? new java.util.ArrayList<>() : new java.util.ArrayList<>(groupIds);
    }

    public Boolean getSystemAdmin() {
        return systemAdmin;
    }

    public void setSystemAdmin(Boolean systemAdmin) {
        this.systemAdmin = systemAdmin;
    }
}
