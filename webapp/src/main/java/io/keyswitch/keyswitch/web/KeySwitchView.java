package io.keyswitch.keyswitch.web;

import io.keyswitch.device.ProjectService;
import io.keyswitch.keyswitch.Choice;
import io.keyswitch.keyswitch.KeySwitchState;
import io.keyswitch.keyswitch.KeySwitches;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.web.Pages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;

/**
 * The page "Key switch" of one device ({@code ?device=}) or one project ({@code ?project=}): the setting "Connections
 * only while the key switch is on" (a device: inherit, on, off; a project: its default, on or off), changed with a
 * reason, and for a device the switch as last reported and whether a Connect would be refused now.
 */
@Named
@ViewScoped
public class KeySwitchView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient KeySwitches switches;

    @Inject
    transient ProjectService projects;

    private Long deviceId;
    private Long projectId;
    private String title;
    private String choice;
    private String reason;
    private String switchText;
    private String refusal;
    private String projectDefault;
    private boolean found;

    /** Reads the device's or project's setting ({@code f:viewAction}). */
    public void load() {
        Actor actor = actor();
        found = false;
        try {
            if (deviceId != null) {
                KeySwitchState s = switches.ofDevice(actor, deviceId);
                Instant now = switches.now();
                title = s.deviceName();
                choice = s.deviceChoice().wire();
                projectDefault = s.projectDefault().wire();
                switchText = s.shown(now, switches.knownFor()) + (s.heardAt() == null ? "" : " (reported " + s.heardAt() + ")");
                refusal = s.refusal(now, switches.knownFor()).orElse(null);
                found = true;
            } else if (projectId != null) {
                title = projects.find(actor, projectId).getName();
                choice = switches.ofProject(actor, projectId).wire();
                found = true;
            }
        } catch (NotFound e) {
            found = false;
        }
    }

    public void save() {
        Actor actor = actor();
        Object done = Pages.attempt("keySwitchForm", "The key switch setting of " + title + " is saved.", () -> deviceId != null
                ? switches.changeDevice(actor, deviceId, choice, reason)
                : switches.changeProject(actor, projectId, choice, reason));
        if (done != null) {
            reason = null;
            load();
        }
    }

    /** Whether the signed-in user may change this setting (device:edit for a device, project:manage for a project). */
    public boolean isEditable() {
        return actor().rights().test(deviceId != null ? Rights.DEVICE_EDIT : Rights.PROJECT_MANAGE);
    }

    /** The choices offered: a device may inherit its project's default, a project has on or off. */
    public Choice[] getChoices() {
        return deviceId != null ? Choice.values() : new Choice[] {Choice.ON, Choice.OFF};
    }

    /** A choice in words. */
    public String label(Choice c) {
        return switch (c) {
            case INHERIT -> "as the project's default (now " + projectDefault + ")";
            case ON -> "on: connections only while the key switch is on";
            case OFF -> "off: connections whatever the key switch";
        };
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public Long getDevice() {
        return deviceId;
    }

    public void setDevice(Long deviceId) {
        this.deviceId = deviceId;
    }

    public Long getProject() {
        return projectId;
    }

    public void setProject(Long projectId) {
        this.projectId = projectId;
    }

    public boolean isFound() {
        return found;
    }

    public boolean isForDevice() {
        return deviceId != null;
    }

    public String getTitle() {
        return title;
    }

    public String getChoice() {
        return choice;
    }

    public void setChoice(String choice) {
        this.choice = choice;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getSwitchText() {
        return switchText;
    }

    public String getRefusal() {
        return refusal;
    }
}
