package io.keyswitch.user.web;

import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import io.keyswitch.user.UserAdministration;
import io.keyswitch.user.UserGroup;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The account's groups and the rights each gives its members. */
@Named
@ViewScoped
public class GroupsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    UserAdministration admin;

    private io.keyswitch.platform.web.PagedModel<UserGroup> groups;
    private Long editingId;
    private String name;
    private String description;
    private List<String> rights = new ArrayList<>();
    private String reason;
    private Long deletingId;
    private String deletingName;

    @PostConstruct
    void load() {
        UserAdministration service = admin;
        groups = new io.keyswitch.platform.web.PagedModel<>(filter -> service.countGroups(Actor.current(Pages.sourceIp()), filter),
                (filter, sort, asc, first, size) -> service.groups(Actor.current(Pages.sourceIp()), filter, first, size),
                UserGroup::getId);
    }

    public void startCreate() {
        editingId = null;
        name = null;
        description = null;
        rights = new ArrayList<>();
        reason = null;
    }

    public void startEdit(UserGroup group) {
        editingId = group.getId();
        name = group.getName();
        description = group.getDescription();
        rights = new ArrayList<>(group.getRights());
        reason = null;
    }

    public void save() {
        UserGroup saved = Pages.attempt("groupForm", "Group '" + name + "' saved.",
                () -> admin.saveGroup(Actor.current(Pages.sourceIp()), editingId, name, description, rights, reason));
        if (saved != null) {
            load();
        }
    }

    public void startDelete(UserGroup group) {
        deletingId = group.getId();
        deletingName = group.getName();
        reason = null;
    }

    public void delete() {
        Object done = Pages.attempt("deleteForm", "Group '" + deletingName + "' deleted.", () -> {
            admin.deleteGroup(Actor.current(Pages.sourceIp()), deletingId, reason);
            return Boolean.TRUE;
        });
        if (done != null) {
            load();
        }
    }

    public String getDeletingName() {
        return deletingName;
    }

    public long members(UserGroup group) {
        return admin.memberCount(group);
    }

    public String rightsOf(UserGroup group) {
        return String.join(", ", Rights.ALL.stream().filter(group.getRights()::contains).toList());
    }

    public List<String> getAllRights() {
        return Rights.ALL;
    }

    public io.keyswitch.platform.web.PagedModel<UserGroup> getGroups() {
        return groups;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<String> getRights() {
        return rights;
    }

    public void setRights(List<String> rights) {
        this.rights = rights;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
