package io.keyswitch.device.web;

import io.keyswitch.device.Device;
import io.keyswitch.device.DeviceForm;
import io.keyswitch.device.DeviceService;
import io.keyswitch.device.Project;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.security.Actor;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The device list: a lazy table, a dialog to create or edit a device, and delete with a reason. */
@Named
@ViewScoped
public class DevicesView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    DeviceService devices;

    @Inject
    io.keyswitch.device.ProjectService projectService;

    private DeviceLazyModel model;
    private List<Project> projects;
    private DeviceForm form = new DeviceForm();
    private Long editingId;
    private Long deletingId;
    private String deletingName;
    private String reason;

    @PostConstruct
    void load() {
        Actor actor = Actor.current(Pages.sourceIp());
        model = new DeviceLazyModel(devices);
        projects = projectService.all(actor);
    }

    public void startCreate() {
        form = new DeviceForm();
        editingId = null;
        reason = null;
    }

    public void startEdit(Device device) {
        form = DeviceForm.of(device);
        editingId = device.getId();
        reason = null;
    }

    public void save() {
        Actor actor = Actor.current(Pages.sourceIp());
        if (editingId == null) {
            Pages.attempt("deviceForm", "Device '" + form.getName() + "' created.", () -> devices.create(actor, form, reason));
        } else {
            Pages.attempt("deviceForm", "Device '" + form.getName() + "' saved.", () -> devices.update(actor, editingId, form, reason));
        }
    }

    public void startDelete(Device device) {
        deletingId = device.getId();
        deletingName = device.getName();
        reason = null;
    }

    public void delete() {
        Actor actor = Actor.current(Pages.sourceIp());
        Pages.attempt("deleteForm", "Device '" + deletingName + "' deleted.", () -> {
            devices.delete(actor, deletingId, reason);
            return Boolean.TRUE;
        });
    }

    public boolean isEditing() {
        return editingId != null;
    }

    public DeviceLazyModel getModel() {
        return model;
    }

    public List<Project> getProjects() {
        return projects;
    }

    public DeviceForm getForm() {
        return form;
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
