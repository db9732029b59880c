package io.keyswitch.alarm.web;

import io.keyswitch.alarm.AlarmChoices;
import io.keyswitch.alarm.AlarmGroup;
import io.keyswitch.alarm.AlarmGroups;
import io.keyswitch.alarm.Alarms;
import io.keyswitch.alarm.GroupForm;
import io.keyswitch.alarm.Severity;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.web.EditCycle;
import io.keyswitch.platform.web.PagedModel;
import io.keyswitch.platform.web.Pages;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alarm groups page (alarm-groups.xhtml, right {@code alarm:manage}): a lazy table of who is told of which alarms,
 * a dialog to make or change a group (checked by {@link GroupForm}, as the API checks it) and delete with a reason.
 */
@Named
@ViewScoped
public class AlarmGroupsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AlarmGroups groups;

    @Inject
    AlarmChoices choices;

    @Inject
    Alarms alarms;

    private final EditCycle edit = new EditCycle("Alarm group", "groupForm");
    private final ScopeNames names = new ScopeNames();
    private final PagedModel<AlarmGroup> model = new PagedModel<>(filter -> groups.count(actor()),
            (filter, sort, ascending, first, size) -> names.named(groups.page(actor(), first, size), AlarmGroup::getDeviceId,
                    ids -> alarms.deviceNames(actor(), ids)), AlarmGroup::getId);
    private Map<Long, String> userGroups = Map.of();
    private Map<Long, String> alarmGroups = Map.of();

    private String name;
    private Long userGroupId;
    private Long projectId;
    private String deviceName;
    private String minSeverity = Severity.INFO.name();
    private boolean byMail = true;
    private boolean bySms;
    private String quietFrom;
    private String quietUntil;
    private String timeZone = "UTC";
    private Integer escalateMinutes;
    private Long escalateTo;

    @PostConstruct
    void load() {
        Actor actor = actor();
        names.projects(choices.projects(actor));
        userGroups = choices.userGroups(actor);
        alarmGroups = choices.alarmGroups(actor);
    }

    /** Whose alarms the group takes, in words. */
    public String scope(AlarmGroup g) {
        return names.of(g.getDeviceId(), g.getProjectId());
    }

    /** How the group is told, quiet hours and escalation, in words. */
    public String delivery(AlarmGroup g) {
        StringBuilder s = new StringBuilder(g.isByMail() && g.isBySms() ? "e-mail and SMS" : g.isByMail() ? "e-mail" : "SMS");
        if (g.getQuietFrom() != null) {
            s.append(", quiet ").append(g.getQuietFrom()).append('–').append(g.getQuietUntil()).append(' ').append(g.getTimeZone());
        }
        if (g.getEscalateTo() != null) {
            s.append(", after ").append(g.getEscalateMinutes()).append(" min not acknowledged: ")
                    .append(alarmGroups.getOrDefault(g.getEscalateTo(), String.valueOf(g.getEscalateTo())));
        }
        return s.toString();
    }

    public String userGroup(AlarmGroup g) {
        return userGroups.getOrDefault(g.getUserGroupId(), String.valueOf(g.getUserGroupId()));
    }

    public void startCreate() {
        name = deviceName = quietFrom = quietUntil = null;
        userGroupId = projectId = escalateTo = null;
        escalateMinutes = null;
        minSeverity = Severity.INFO.name();
        byMail = true;
        bySms = false;
        timeZone = "UTC";
        edit.startCreate();
    }

    public void startEdit(AlarmGroup g) {
        name = g.getName();
        userGroupId = g.getUserGroupId();
        projectId = g.getProjectId();
        deviceName = g.getDeviceId() == null ? null : names.device(g.getDeviceId());
        minSeverity = g.getMinSeverity().name();
        byMail = g.isByMail();
        bySms = g.isBySms();
        quietFrom = g.getQuietFrom() == null ? null : g.getQuietFrom().toString();
        quietUntil = g.getQuietUntil() == null ? null : g.getQuietUntil().toString();
        timeZone = g.getTimeZone();
        escalateMinutes = g.getEscalateMinutes();
        escalateTo = g.getEscalateTo();
        edit.startEdit(g.getId());
    }

    public void save() {
        Actor actor = actor();
        AlarmGroup saved = edit.save(name == null ? "" : name, reason -> groups.create(actor, form(actor), reason),
                (id, reason) -> groups.update(actor, id, form(actor), reason));
        if (saved != null) {
            alarmGroups = choices.alarmGroups(actor);
        }
    }

    private GroupForm form(Actor actor) {
        Long deviceId = null;
        if (deviceName != null && !deviceName.isBlank()) {
            deviceId = choices.deviceNamed(actor, deviceName)
                    .orElseThrow(() -> ValidationFailed.of("deviceId", "Please choose a device from the list."));
        }
        return new GroupForm(name, userGroupId, projectId, deviceId, minSeverity, byMail, bySms, quietFrom, quietUntil,
                timeZone, escalateMinutes, escalateTo);
    }

    public List<String> completeDevice(String prefix) {
        return choices.deviceNames(actor(), prefix);
    }

    public void startDelete(AlarmGroup g) {
        edit.startDelete(g.getId(), g.getName());
    }

    public void delete() {
        Actor actor = actor();
        if (edit.delete((id, reason) -> groups.delete(actor, id, reason))) {
            alarmGroups = choices.alarmGroups(actor);
        }
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    /** The alarm groups the one being edited may escalate to: all others. */
    public Map<Long, String> getEscalationTargets() {
        Map<Long, String> out = new LinkedHashMap<>(alarmGroups);
        if (edit.getEditingId() != null) {
            out.remove(edit.getEditingId());
        }
        return out;
    }

    public PagedModel<AlarmGroup> getModel() {
        return model;
    }

    public EditCycle getEdit() {
        return edit;
    }

    public Map<Long, String> getProjects() {
        return names.projects();
    }

    public Map<Long, String> getUserGroups() {
        return userGroups;
    }

    public Severity[] getSeverities() {
        return Severity.values();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Long getUserGroupId() {
        return userGroupId;
    }

    public void setUserGroupId(Long userGroupId) {
        this.userGroupId = userGroupId;
    }

    public Long getProjectId() {
        return projectId;
    }

    public void setProjectId(Long projectId) {
        this.projectId = projectId;
    }

    public String getDeviceName() {
        return deviceName;
    }

    public void setDeviceName(String deviceName) {
        this.deviceName = deviceName;
    }

    public String getMinSeverity() {
        return minSeverity;
    }

    public void setMinSeverity(String minSeverity) {
        this.minSeverity = minSeverity;
    }

    public boolean isByMail() {
        return byMail;
    }

    public void setByMail(boolean byMail) {
        this.byMail = byMail;
    }

    public boolean isBySms() {
        return bySms;
    }

    public void setBySms(boolean bySms) {
        this.bySms = bySms;
    }

    public String getQuietFrom() {
        return quietFrom;
    }

    public void setQuietFrom(String quietFrom) {
        this.quietFrom = quietFrom;
    }

    public String getQuietUntil() {
        return quietUntil;
    }

    public void setQuietUntil(String quietUntil) {
        this.quietUntil = quietUntil;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public Integer getEscalateMinutes() {
        return escalateMinutes;
    }

    public void setEscalateMinutes(Integer escalateMinutes) {
        this.escalateMinutes = escalateMinutes;
    }

    public Long getEscalateTo() {
        return escalateTo;
    }

    public void setEscalateTo(Long escalateTo) {
        this.escalateTo = escalateTo;
    }
}
