package io.keyswitch.access.web;

import io.keyswitch.access.AccessService;
import io.keyswitch.access.Grant;
import io.keyswitch.access.GrantRequest;
import io.keyswitch.access.Reach;
import io.keyswitch.device.Component;
import io.keyswitch.device.Device;
import io.keyswitch.device.DevicePage;
import io.keyswitch.device.DeviceService;
import io.keyswitch.device.Project;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.web.EditCycle;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.user.User;
import io.keyswitch.user.UserAdministration;
import io.keyswitch.user.UserGroup;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Grants of the account: give and revoke access, and see what a user can reach. */
@Named
@ViewScoped
public class AccessView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AccessService access;

    @Inject
    DeviceService devices;

    @Inject
    io.keyswitch.device.ProjectService projectService;

    @Inject
    UserAdministration users;

    private io.keyswitch.platform.web.PagedModel<Grant> grants;
    private List<UserGroup> groups;
    private List<Project> projects;
    private List<Component> deviceComponents = List.of();
    private final GrantRequest request = new GrantRequest();
    private String subjectUser;
    private String deviceName;
    private String reason;
    private final EditCycle revoking = new EditCycle("Grant", "grantForm");
    private String reachUser;
    private io.keyswitch.platform.web.PagedModel<Reach> reach;

    @PostConstruct
    void load() {
        Actor actor = actor();
        AccessService service = access;
        grants = new io.keyswitch.platform.web.PagedModel<>(filter -> service.countGrants(actor()),
                (filter, sort, asc, first, size) -> service.grants(actor(), first, size), Grant::getId);
        groups = users.groups(actor);
        projects = projectService.all(actor);
    }

    public List<String> completeDevice(String prefix) {
        return devices.page(actor(), new DevicePage(prefix, "name", true, 0, 15)).stream().map(Device::getName).toList();
    }

    public List<String> completeUser(String prefix) {
        return users.users(actor(), prefix, 0, 15).stream().map(User::getUsername).toList();
    }

    /** When a device is chosen, its components are offered for a component grant. */
    public void deviceChosen() {
        deviceComponents = devices.findByName(actor(), deviceName)
                .map(d -> devices.components(actor(), d.getId())).orElse(List.of());
        request.getComponentIds().clear();
    }

    public void grant() {
        Actor actor = actor();
        List<Grant> made = Pages.attempt("grantForm", "Access granted.", () -> {
            if (request.getSubjectType() == GrantRequest.SubjectType.USER) {
                request.setUserId(users.userNamed(actor, subjectUser).map(User::getId)
                        .orElseThrow(() -> ValidationFailed.of("user", "Please choose a user from the list.")));
            }
            if (request.getScopeType() != GrantRequest.ScopeType.PROJECT) {
                request.setDeviceId(devices.findByName(actor, deviceName).map(Device::getId)
                        .orElseThrow(() -> ValidationFailed.of("device", "Please choose a device from the list.")));
            }
            return access.grant(actor, request, reason);
        });
        if (made != null) {
            reason = null;
        }
    }

    public void startRevoke(Grant grant) {
        revoking.startDelete(grant.getId(), grant.getSubject());
    }

    public void revoke() {
        revoking.delete("revokeForm", "Access revoked.", (id, why) -> access.revoke(actor(), id, why));
    }

    public void showReach() {
        Long userId = Pages.attempt("reachForm", null, () -> users.userNamed(actor(), reachUser).map(User::getId)
                .orElseThrow(() -> ValidationFailed.of("reachUser", "Please choose a user from the list.")));
        AccessService service = access;
        reach = userId == null ? null : new io.keyswitch.platform.web.PagedModel<>(
                filter -> service.countReachable(actor(), userId),
                (filter, sort, asc, first, size) -> service.reachableBy(actor(), userId, first, size),
                r -> r.deviceId() + "/" + r.componentId());
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public io.keyswitch.platform.web.PagedModel<Grant> getGrants() {
        return grants;
    }

    public List<UserGroup> getGroups() {
        return groups;
    }

    public List<Project> getProjects() {
        return projects;
    }

    public List<Component> getDeviceComponents() {
        return deviceComponents;
    }

    public GrantRequest getRequest() {
        return request;
    }

    public GrantRequest.SubjectType[] getSubjectTypes() {
        return GrantRequest.SubjectType.values();
    }

    public GrantRequest.ScopeType[] getScopeTypes() {
        return GrantRequest.ScopeType.values();
    }

    public String getSubjectUser() {
        return subjectUser;
    }

    public void setSubjectUser(String subjectUser) {
        this.subjectUser = subjectUser;
    }

    public String getDeviceName() {
        return deviceName;
    }

    public void setDeviceName(String deviceName) {
        this.deviceName = deviceName;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    /** The revoke dialog's cycle: which grant, and the reason ({@code #{accessView.revoking.reason}}). */
    public EditCycle getRevoking() {
        return revoking;
    }

    public String getReachUser() {
        return reachUser;
    }

    public void setReachUser(String reachUser) {
        this.reachUser = reachUser;
    }

    public io.keyswitch.platform.web.PagedModel<Reach> getReach() {
        return reach;
    }
}
