package io.keyswitch.user.web;

import io.keyswitch.platform.web.EditCycle;
import io.keyswitch.platform.web.PagedModel;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import io.keyswitch.user.UserAdministration;
import io.keyswitch.user.UserGroup;
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

    private final PagedModel<UserGroup> groups = new PagedModel<>(filter -> admin.countGroups(actor(), filter),
            (filter, sort, asc, first, size) -> admin.groups(actor(), filter, first, size), UserGroup::getId);
    private final EditCycle edit = new EditCycle("Group", "groupForm");
    private String name;
    private String description;
    private List<String> rights = new ArrayList<>();

    public void startCreate() {
        name = null;
        description = null;
        rights = new ArrayList<>();
        edit.startCreate();
    }

    public void startEdit(UserGroup group) {
        name = group.getName();
        description = group.getDescription();
        rights = new ArrayList<>(group.getRights());
        edit.startEdit(group.getId());
    }

    public void save() {
        Actor actor = actor();
        edit.save(name, (id, reason) -> admin.saveGroup(actor, id, name, description, rights, reason));
    }

    public void startDelete(UserGroup group) {
        edit.startDelete(group.getId(), group.getName());
    }

    public void delete() {
        Actor actor = actor();
        edit.delete((id, reason) -> admin.deleteGroup(actor, id, reason));
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public EditCycle getEdit() {
        return edit;
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

    public PagedModel<UserGroup> getGroups() {
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
}
