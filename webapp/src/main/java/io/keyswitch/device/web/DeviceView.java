package io.keyswitch.device.web;

import io.keyswitch.access.AccessService;
import io.keyswitch.device.Component;
import io.keyswitch.device.ComponentForm;
import io.keyswitch.device.Device;
import io.keyswitch.device.DeviceService;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.security.Actor;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** One device with its components: add, edit and delete components, each with a reason. */
@Named
@ViewScoped
public class DeviceView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    DeviceService devices;

    @Inject
    AccessService access;

    private List<String> whoCanReach = List.of();
    private String whoFor;
    private Long id;
    private Device device;
    private List<Component> components;
    private ComponentForm form = new ComponentForm();
    private Long editingId;
    private Long deletingId;
    private String deletingName;
    private String reason;

    /** Loads the device named by the {@code id} parameter; one of another account is simply not there. */
    public void load() {
        Actor actor = Actor.current(Pages.sourceIp());
        device = id == null ? null : devices.find(actor, id).orElse(null);
        components = device == null ? List.of() : devices.components(actor, device.getId());
    }

    public void startCreate() {
        form = new ComponentForm();
        editingId = null;
        reason = null;
    }

    public void startEdit(Component component) {
        form = ComponentForm.of(component);
        editingId = component.getId();
        reason = null;
    }

    public void save() {
        Actor actor = Actor.current(Pages.sourceIp());
        Object done = editingId == null
                ? Pages.attempt("componentForm", "Component '" + form.getName() + "' added.",
                        () -> devices.addComponent(actor, device.getId(), form, reason))
                : Pages.attempt("componentForm", "Component '" + form.getName() + "' saved.",
                        () -> devices.updateComponent(actor, editingId, form, reason));
        if (done != null) {
            load();
        }
    }

    public void startDelete(Component component) {
        deletingId = component.getId();
        deletingName = component.getName();
        reason = null;
    }

    public void delete() {
        Actor actor = Actor.current(Pages.sourceIp());
        Object done = Pages.attempt("deleteForm", "Component '" + deletingName + "' deleted.", () -> {
            devices.deleteComponent(actor, deletingId, reason);
            return Boolean.TRUE;
        });
        if (done != null) {
            load();
        }
    }

    /** Who can reach this component, and through which grant. */
    public void showWho(Component component) {
        whoFor = component.getName();
        whoCanReach = access.whoCanReach(Actor.current(Pages.sourceIp()), component.getId());
    }

    public List<String> getWhoCanReach() {
        return whoCanReach;
    }

    public String getWhoFor() {
        return whoFor;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public Device getDevice() {
        return device;
    }

    public List<Component> getComponents() {
        return components;
    }

    public ComponentForm getForm() {
        return form;
    }

    public boolean isEditing() {
        return editingId != null;
    }

    public String getDeletingName() {
        return deletingName;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
