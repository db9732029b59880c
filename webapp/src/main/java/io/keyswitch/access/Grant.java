package io.keyswitch.access;

import io.keyswitch.device.Component;
import io.keyswitch.device.Device;
import io.keyswitch.device.Project;
import io.keyswitch.platform.UtcInstantConverter;
import io.keyswitch.user.User;
import io.keyswitch.user.UserGroup;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user or a group may reach a project, a device, or one component. */
@Entity
@Table(name = "access_grant")
public class Grant {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "user_id", updatable = false)
    private User user;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "group_id", updatable = false)
    private UserGroup group;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "project_id", updatable = false)
    private Project project;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "device_id", updatable = false)
    private Device device;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "component_id", updatable = false)
    private Component component;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Grant() {
    }

    Grant(long accountId, User user, UserGroup group, Project project, Device device, Component component, Instant at) {
        this.accountId = accountId;
        this.user = user;
        this.group = group;
        this.project = project;
        this.device = device;
        this.component = component;
        this.createdAt = at;
    }

    /** Who: {@code user alice} or {@code group Service technicians}. */
    public String getSubject() {
        return user != null ? "user " + user.getUsername() : "group " + group.getName();
    }

    /** What: {@code project Plant 1}, {@code device Press 7} or {@code component PLC of device Press 7}. */
    public String getScope() {
        if (project != null) {
            return "project " + project.getName();
        }
        if (device != null) {
            return "device " + device.getName();
        }
        return "component " + component.getName() + " of device " + component.getDevice().getName();
    }

    User getUserRef() {
        return user;
    }

    UserGroup getGroupRef() {
        return group;
    }

    Project getProjectRef() {
        return project;
    }

    Device getDeviceRef() {
        return device;
    }

    Component getComponentRef() {
        return component;
    }

    public Long getId() {
        return id;
    }

    public long getAccountId() {
        return accountId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
