package io.keyswitch.device.web;

import io.keyswitch.device.ProjectService;
import io.keyswitch.device.ProjectService.Row;
import io.keyswitch.platform.web.PagedModel;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** The projects page: a lazy table with device counts, a dialog to create or rename, delete with a reason. */
@Named
@ViewScoped
public class ProjectsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ProjectService projects;

    private PagedModel<Row> model;
    private Long editingId;
    private String name;
    private String description;
    private String deletingName;
    private Long deletingId;
    private String reason;

    @PostConstruct
    void load() {
        ProjectService service = projects;
        model = new PagedModel<>(filter -> service.count(Actor.current(Pages.sourceIp()), filter),
                (filter, sort, ascending, first, size) -> service.page(Actor.current(Pages.sourceIp()), filter,
                        sort == null ? "name" : sort, ascending, first, size),
                row -> row.project().getId());
    }

    public void startCreate() {
        editingId = null;
        name = description = reason = null;
    }

    public void startEdit(Row row) {
        editingId = row.project().getId();
        name = row.project().getName();
        description = row.project().getDescription();
        reason = null;
    }

    public void save() {
        Actor actor = Actor.current(Pages.sourceIp());
        if (editingId == null) {
            Pages.attempt("projectForm", "Project '" + name + "' created.", () -> projects.create(actor, name, description, reason));
        } else {
            Pages.attempt("projectForm", "Project '" + name + "' saved.",
                    () -> projects.update(actor, editingId, name, description, reason));
        }
    }

    public void startDelete(Row row) {
        deletingId = row.project().getId();
        deletingName = row.project().getName();
        reason = null;
    }

    public void delete() {
        Actor actor = Actor.current(Pages.sourceIp());
        Pages.attempt("deleteForm", "Project '" + deletingName + "' deleted.", () -> {
            projects.delete(actor, deletingId, reason);
            return Boolean.TRUE;
        });
    }

    public PagedModel<Row> getModel() {
        return model;
    }

    public boolean isEditing() {
        return editingId != null;
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
