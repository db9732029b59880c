package io.keyswitch.workreport.web;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.web.EditCycle;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.workreport.ExtraField;
import io.keyswitch.workreport.FieldKind;
import io.keyswitch.workreport.WorkReportRule;
import io.keyswitch.workreport.WorkReportRules;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The account's work report rule (optional or mandatory before the next Connect, the edit window) and its own report
 * fields (add, change, delete, each with a reason): its administrators' page ({@code settings:manage}).
 */
@Named
@ViewScoped
public class WorkReportRulesView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient WorkReportRules rules;

    private WorkReportRule rule;
    private String reason;
    private List<ExtraField> fields = List.of();
    private ExtraField field = ExtraField.of(null, FieldKind.TEXT, null, false);
    private final EditCycle edit = new EditCycle("Field", "fieldForm", "added");

    @PostConstruct
    void load() {
        long account = actor().accountId();
        rule = rules.rule(account);
        fields = rules.fields(account);
    }

    public void saveRule() {
        WorkReportRule saved = Pages.attempt("ruleForm", "The work report rule is saved.",
                () -> rules.update(actor(), rule, reason));
        if (saved != null) {
            reason = null;
            load();
        }
    }

    public void startCreate() {
        edit.startCreate();
        field = ExtraField.of(null, FieldKind.TEXT, null, false);
        field.setPosition(fields.size() + 1);
    }

    public void startEdit(ExtraField f) {
        edit.startEdit(f.getId());
        field = ExtraField.of(f.getName(), f.getKind(), f.getChoices(), f.isRequired());
        field.setPosition(f.getPosition());
    }

    public void startDelete(ExtraField f) {
        edit.startDelete(f.getId(), f.getName());
    }

    public void saveField() {
        ExtraField saved = edit.save(field.getName() == null ? "" : field.getName().strip(),
                (id, why) -> rules.saveField(actor(), id, field, why));
        if (saved != null) {
            load();
        }
    }

    public void delete() {
        if (edit.delete((id, why) -> rules.deleteField(actor(), id, why))) {
            load();
        }
    }

    public FieldKind[] getKinds() {
        return FieldKind.values();
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public WorkReportRule getRule() {
        return rule;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public List<ExtraField> getFields() {
        return fields;
    }

    public ExtraField getField() {
        return field;
    }

    public EditCycle getEdit() {
        return edit;
    }
}
