package io.keyswitch.alarm.web;

import io.keyswitch.alarm.AlarmChoices;
import io.keyswitch.alarm.AlarmRule;
import io.keyswitch.alarm.AlarmRules;
import io.keyswitch.alarm.Alarms;
import io.keyswitch.alarm.Builtin;
import io.keyswitch.alarm.RuleForm;
import io.keyswitch.alarm.RuleKind;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The alarm rules page (alarm-rules.xhtml, right {@code alarm:manage}): a lazy table of the account's rules, a dialog to
 * make or change one (checked by {@link RuleForm}, as the API checks it), delete or switch on/off with a reason, and the
 * built-in rules switched on for every device with one click (and a reason).
 */
@Named
@ViewScoped
public class AlarmRulesView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AlarmRules rules;

    @Inject
    AlarmChoices choices;

    @Inject
    Alarms alarms;

    /** A built-in preset as the page shows it: the account-wide rule made from it, if any. */
    public record Preset(String key, String title, String text, Long ruleId, boolean on) implements Serializable {
    }

    private final EditCycle edit = new EditCycle("Alarm rule", "ruleForm");
    private final ScopeNames names = new ScopeNames();
    private final PagedModel<AlarmRule> model = new PagedModel<>(filter -> rules.count(actor()),
            (filter, sort, ascending, first, size) -> names.named(rules.page(actor(), first, size), AlarmRule::getDeviceId,
                    ids -> alarms.deviceNames(actor(), ids)), AlarmRule::getId);
    private List<Preset> presets = List.of();

    private String builtin;
    private String name;
    private Long projectId;
    private String deviceName;
    private String kind = RuleKind.ABOVE.name();
    private String dataPoint;
    private String stateValue;
    private Double threshold;
    private Double hysteresis;
    private Integer offlineMinutes;
    private String severity = Severity.WARNING.name();
    private String text;
    private boolean enabled = true;

    private Long switching;
    private String switchingBuiltin;
    private boolean switchingOn;

    @PostConstruct
    void load() {
        names.projects(choices.projects(actor()));
        loadPresets();
    }

    private void loadPresets() {
        Map<String, AlarmRule> made = rules.accountBuiltins(actor());
        presets = Arrays.stream(Builtin.values()).map(b -> {
            AlarmRule r = made.get(b.key());
            return new Preset(b.key(), b.title(), b.text(), r == null ? null : r.getId(), r != null && r.isEnabled());
        }).toList();
    }

    /** What the rule watches, in words: "every device", "project Presses", "device Press 7". */
    public String scope(AlarmRule r) {
        return names.of(r.getDeviceId(), r.getProjectId());
    }

    /** The rule's condition, in words: "temperature > 80 (hysteresis 2)", "in2 = on", "no report for 15 min". */
    public String condition(AlarmRule r) {
        return switch (r.getKind()) {
            case STATE -> r.getDataPoint() + " = " + r.getStateValue();
            case CHANGE -> r.getDataPoint() + " changed";
            case ABOVE, BELOW -> r.getDataPoint() + (r.getKind() == RuleKind.ABOVE ? " > " : " < ") + number(r.getThreshold())
                    + (r.getHysteresis() > 0 ? " (hysteresis " + number(r.getHysteresis()) + ")" : "");
            case OFFLINE -> r.getOfflineMinutes() == null ? "no report for the report interval × the offline intervals"
                    : "no report for " + r.getOfflineMinutes() + " min";
        };
    }

    private static String number(Double d) {
        return d == null ? "" : d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
    }

    public void startCreate() {
        clear();
        edit.startCreate();
    }

    /** The dialog opens with a built-in preset filled in (for one project or device, or to change its text). */
    public void startPreset(String presetKey) {
        clear();
        Builtin b = Builtin.of(presetKey).orElseThrow();
        builtin = b.key();
        name = b.title();
        kind = b.kind().name();
        dataPoint = b.dataPoint();
        severity = b.severity().name();
        text = b.text();
        edit.startCreate();
    }

    public void startEdit(AlarmRule r) {
        builtin = r.getBuiltin();
        name = r.getName();
        projectId = r.getProjectId();
        deviceName = r.getDeviceId() == null ? null : names.device(r.getDeviceId());
        kind = r.getKind().name();
        dataPoint = r.getDataPoint();
        stateValue = r.getStateValue();
        threshold = r.getThreshold();
        hysteresis = r.getHysteresis();
        offlineMinutes = r.getOfflineMinutes();
        severity = r.getSeverity().name();
        text = r.getText();
        enabled = r.isEnabled();
        edit.startEdit(r.getId());
    }

    private void clear() {
        builtin = name = deviceName = dataPoint = stateValue = text = null;
        projectId = null;
        threshold = hysteresis = null;
        offlineMinutes = null;
        kind = RuleKind.ABOVE.name();
        severity = Severity.WARNING.name();
        enabled = true;
    }

    public void save() {
        Actor actor = actor();
        AlarmRule saved = edit.save(name == null ? "" : name, reason -> rules.create(actor, form(actor), reason),
                (id, reason) -> rules.update(actor, id, form(actor), reason));
        if (saved != null) {
            loadPresets();
        }
    }

    /** The rule as typed; a device name that is not the account's is refused next to its field. */
    private RuleForm form(Actor actor) {
        Long deviceId = null;
        if (deviceName != null && !deviceName.isBlank()) {
            deviceId = choices.deviceNamed(actor, deviceName)
                    .orElseThrow(() -> ValidationFailed.of("deviceId", "Please choose a device from the list."));
        }
        // fields the chosen kind does not show are left out, so a value typed before the kind changed is not refused
        boolean thresholds = isThresholds();
        return new RuleForm(builtin, name, deviceId, projectId, kind, isOffline() ? null : dataPoint,
                isState() ? stateValue : null, thresholds ? threshold : null, thresholds ? hysteresis : null,
                isOffline() ? offlineMinutes : null, severity, text, enabled);
    }

    public List<String> completeDevice(String prefix) {
        return choices.deviceNames(actor(), prefix);
    }

    public void startDelete(AlarmRule r) {
        edit.startDelete(r.getId(), r.getName());
    }

    public void delete() {
        Actor actor = actor();
        if (edit.delete((id, reason) -> rules.delete(actor, id, reason))) {
            loadPresets();
        }
    }

    /** The switch dialog opens to switch the rule on or off. */
    public void startSwitch(AlarmRule r) {
        startSwitch(r.getId(), null, r.getName(), !r.isEnabled());
    }

    /** The switch dialog opens for a built-in preset: its account-wide rule on or off, or made (on) if there is none. */
    public void startSwitch(Preset p) {
        startSwitch(p.ruleId(), p.key(), p.title(), !p.on());
    }

    private void startSwitch(Long ruleId, String presetKey, String title, boolean on) {
        switching = ruleId;
        switchingBuiltin = presetKey;
        switchingOn = on;
        edit.startDelete(ruleId == null ? -1 : ruleId, title);
    }

    public void switchRule() {
        Actor actor = actor();
        String words = "Alarm rule '" + edit.getDeletingName() + "' switched " + (switchingOn ? "on." : "off.");
        boolean done;
        if (switching == null) {
            RuleForm preset = new RuleForm(switchingBuiltin, null, null, null, null, null, null, null, null, null, null,
                    null, true);
            done = edit.delete("switchForm", words, (id, reason) -> rules.create(actor, preset, reason));
        } else {
            done = edit.delete("switchForm", words, (id, reason) -> rules.switchTo(actor, id, switchingOn, reason));
        }
        if (done) {
            loadPresets();
        }
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public PagedModel<AlarmRule> getModel() {
        return model;
    }

    public EditCycle getEdit() {
        return edit;
    }

    public List<Preset> getPresets() {
        return presets;
    }

    public Map<Long, String> getProjects() {
        return names.projects();
    }

    public RuleKind[] getKinds() {
        return RuleKind.values();
    }

    public Severity[] getSeverities() {
        return Severity.values();
    }

    public boolean isSwitchingOn() {
        return switchingOn;
    }

    /** Whether the dialog edits a rule made from a built-in preset (its kind is the preset's). */
    public boolean isFromPreset() {
        return builtin != null;
    }

    public boolean isThresholds() {
        return RuleKind.ABOVE.name().equals(kind) || RuleKind.BELOW.name().equals(kind);
    }

    public boolean isState() {
        return RuleKind.STATE.name().equals(kind);
    }

    public boolean isOffline() {
        return RuleKind.OFFLINE.name().equals(kind);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
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

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getDataPoint() {
        return dataPoint;
    }

    public void setDataPoint(String dataPoint) {
        this.dataPoint = dataPoint;
    }

    public String getStateValue() {
        return stateValue;
    }

    public void setStateValue(String stateValue) {
        this.stateValue = stateValue;
    }

    public Double getThreshold() {
        return threshold;
    }

    public void setThreshold(Double threshold) {
        this.threshold = threshold;
    }

    public Double getHysteresis() {
        return hysteresis;
    }

    public void setHysteresis(Double hysteresis) {
        this.hysteresis = hysteresis;
    }

    public Integer getOfflineMinutes() {
        return offlineMinutes;
    }

    public void setOfflineMinutes(Integer offlineMinutes) {
        this.offlineMinutes = offlineMinutes;
    }

    public String getSeverity() {
        return severity;
    }

    public void setSeverity(String severity) {
        this.severity = severity;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
