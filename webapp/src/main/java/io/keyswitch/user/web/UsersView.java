package io.keyswitch.user.web;

import io.keyswitch.platform.web.PagedModel;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.user.User;
import io.keyswitch.user.UserAdministration;
import io.keyswitch.user.UserAdministration.OneTimePassword;
import io.keyswitch.user.UserForm;
import io.keyswitch.user.UserGroup;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.primefaces.PrimeFaces;

/** The account's users: a lazy table, a dialog to create or edit one (temporary users too), password reset. */
@Named
@ViewScoped
public class UsersView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    UserAdministration admin;

    private List<UserGroup> groups;
    private UserForm form = new UserForm();
    private Long editingId;
    private String reason;
    private String shownPassword;
    private String shownFor;

    private final PagedModel<User> model = new PagedModel<>(
            filter -> admin.countUsers(actor(), filter),
            (filter, sort, ascending, first, size) -> admin.users(actor(), filter, first, size),
            User::getId);

    @PostConstruct
    void load() {
        groups = admin.groups(actor());
    }

    public void startCreate() {
        form = new UserForm();
        form.setSystemAdmin(Boolean.FALSE);
        editingId = null;
        reason = null;
    }

    public void startEdit(User user) {
        form = UserForm.of(user, admin.groupIdsOf(actor(), user.getId()));
        editingId = user.getId();
        reason = null;
    }

    public void save() {
        shownPassword = null;
        if (editingId == null) {
            OneTimePassword created = Pages.attempt("userForm", "User '" + form.getUsername() + "' created.",
                    () -> admin.createUser(actor(), form, reason));
            if (created != null) {
                shownFor = created.user().getUsername();
                shownPassword = created.password();
                PrimeFaces.current().ajax().addCallbackParam("password", true);
            }
        } else {
            Pages.attempt("userForm", "User '" + form.getUsername() + "' saved.",
                    () -> admin.updateUser(actor(), editingId, form, reason));
        }
    }

    public void resetPassword() {
        OneTimePassword reset = Pages.attempt("userForm", "A new one-time password was set.",
                () -> admin.resetPassword(actor(), editingId, reason));
        if (reset != null) {
            shownFor = reset.user().getUsername();
            shownPassword = reset.password();
        }
    }

    /** The one-time password is shown once, then forgotten. */
    public String takeShownPassword() {
        String p = shownPassword;
        shownPassword = null;
        return p;
    }

    public boolean isPasswordToShow() {
        return shownPassword != null;
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    /** Whether the signed-in user is a system administrator: only they see and set the flag. */
    public boolean isSystemAdministrator() {
        return io.keyswitch.platform.AdminRights.applianceAdmin();
    }

    public PagedModel<User> getModel() {
        return model;
    }

    public List<UserGroup> getGroups() {
        return groups;
    }

    public UserForm getForm() {
        return form;
    }

    public boolean isEditing() {
        return editingId != null;
    }

    public String getShownFor() {
        return shownFor;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
