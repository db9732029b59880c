package io.keyswitch.device.web;

import io.keyswitch.device.ProjectService;
import io.keyswitch.device.ProjectService.Row;
import io.keyswitch.platform.web.EditCycle;
import io.keyswitch.platform.web.PagedModel;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
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
    ProjectService projects;

    private final PagedModel<Row> model = new PagedModel<>(filter -> projects.count(actor(), filter),
            (filter, sort, ascending, first, size) -> projects.page(actor(), filter, sort, ascending, first, size),
            row -> row.project().getId());
    private final EditCycle edit = new EditCycle("Project", "projectForm");
    private String name;
    private String description;

    public void startCreate() {
        name = description = null;
        edit.startCreate();
    }

    public void startEdit(Row row) {
        name = row.project().getName();
        description = row.project().getDescription();
        edit.startEdit(row.project().getId());
    }

    public void save() {
        Actor actor = actor();
        edit.save(name, reason -> projects.create(actor, name, description, reason),
                (id, reason) -> projects.update(actor, id, name, description, reason));
    }

    public void startDelete(Row row) {
        edit.startDelete(row.project().getId(), row.project().getName());
    }

    public void delete() {
        Actor actor = actor();
        edit.delete((id, reason) -> projects.delete(actor, id, reason));
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public PagedModel<Row> getModel() {
        return model;
    }

    public EditCycle getEdit() {
        return edit;
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
}
