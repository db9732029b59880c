package io.keyswitch.approval.web;

import io.keyswitch.approval.ApprovalMode;
import io.keyswitch.approval.ApprovalRules;
import io.keyswitch.approval.ApprovalSetting;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.web.Pages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The page "Approval rule": who approves connections to one device ({@code ?device=}) or to the devices of one
 * project ({@code ?project=}), changed with a reason; without either, the account's answer time (right
 * settings:manage).
 */
@Named
@ViewScoped
public class ApprovalRuleView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ApprovalRules rules;

    private Long device;
    private Long project;
    private ApprovalSetting setting;
    private String mode;
    private Long userGroupId;
    private String reason;
    private Integer expireMinutes;
    private boolean missing;

    /** The page's view action: the rule of the device or project, or the answer time. */
    public void load() {
        Actor actor = actor();
        try {
            if (device != null) {
                setting = rules.ofDevice(actor, device);
            } else if (project != null) {
                setting = rules.ofProject(actor, project);
            }
        } catch (NotFound e) {
            missing = true;
            return;
        }
        if (setting != null) {
            mode = setting.mode().name();
            userGroupId = setting.userGroupId();
        }
        expireMinutes = rules.expiryMinutes(actor.accountId());
    }

    public void save() {
        Actor actor = actor();
        ApprovalSetting saved = Pages.attempt("ruleForm", "The approval rule is saved.", () -> device != null
                ? rules.changeDevice(actor, device, mode, userGroupId, reason)
                : rules.changeProject(actor, project, mode, userGroupId, reason));
        if (saved != null) {
            setting = saved;
            reason = null;
        }
    }

    public void saveExpiry() {
        Integer saved = Pages.attempt("expiryForm", "The answer time is saved.",
                () -> rules.changeExpiry(actor(), expireMinutes, reason));
        if (saved != null) {
            reason = null;
        }
    }

    /** The modes the page offers: a project has nothing to inherit from. */
    public List<ApprovalMode> getModes() {
        return device != null ? List.of(ApprovalMode.values()) : List.of(ApprovalMode.NONE, ApprovalMode.GROUP);
    }

    public List<ApprovalRules.Group> getGroups() {
        Actor actor = actor();
        return actor.rights().test(Rights.DEVICE_EDIT) || actor.rights().test(Rights.PROJECT_MANAGE) ? rules.groups(actor) : List.of();
    }

    /** Whether the signed-in person may change what the page shows. */
    public boolean isMayChange() {
        Actor actor = actor();
        return device != null ? actor.rights().test(Rights.DEVICE_EDIT)
                : project != null ? actor.rights().test(Rights.PROJECT_MANAGE) : actor.rights().test(Rights.SETTINGS_MANAGE);
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public Long getDevice() {
        return device;
    }

    public void setDevice(Long device) {
        this.device = device;
    }

    public Long getProject() {
        return project;
    }

    public void setProject(Long project) {
        this.project = project;
    }

    public ApprovalSetting getSetting() {
        return setting;
    }

    public boolean isMissing() {
        return missing;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public Long getUserGroupId() {
        return userGroupId;
    }

    public void setUserGroupId(Long userGroupId) {
        this.userGroupId = userGroupId;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public Integer getExpireMinutes() {
        return expireMinutes;
    }

    public void setExpireMinutes(Integer expireMinutes) {
        this.expireMinutes = expireMinutes;
    }
}
