package io.keyswitch.platform.web;

import java.io.Serializable;

/**
 * The create/edit/delete-with-reason cycle of a page's rows, in one place: which row the edit dialog edits (none:
 * a new one), which row the delete dialog deletes, the reason both ask for, and the action run through
 * {@link Pages#attempt} with its message ("Device 'Press 7' created.", "… saved.", "… deleted."). The page's forms
 * bind {@code #{view.edit.reason}}, {@code #{view.edit.editing}}, {@code #{view.edit.deletingName}}; the Facelets tag
 * {@code ks:deleteDialog} is its delete dialog.
 */
public final class EditCycle implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Makes a new row with the reason given. */
    @FunctionalInterface
    public interface Create<T> {
        T create(String reason);
    }

    /** Changes the row {@code id} with the reason given. */
    @FunctionalInterface
    public interface Update<T> {
        T update(long id, String reason);
    }

    /** Makes a new row ({@code id} null) or changes the row {@code id}, in one call, with the reason given. */
    @FunctionalInterface
    public interface Save<T> {
        T save(Long id, String reason);
    }

    /** Deletes the row {@code id} with the reason given. */
    @FunctionalInterface
    public interface Delete {
        void delete(long id, String reason);
    }

    private final String kind;
    private final String formId;
    private final String created;
    private Long editingId;
    private Long deletingId;
    private String deletingName;
    private String reason;

    /**
     * @param kind   what a row is, as the messages begin ("Device")
     * @param formId the edit dialog's form, whose fields get the messages of a refused change
     */
    public EditCycle(String kind, String formId) {
        this(kind, formId, "created");
    }

    /** As above, with the word the message of a new row ends in ("added": "Component 'PLC' added."). */
    public EditCycle(String kind, String formId, String created) {
        this.kind = kind;
        this.formId = formId;
        this.created = created;
    }

    /** The edit dialog opens for a new row. */
    public void startCreate() {
        editingId = null;
        reason = null;
    }

    /** The edit dialog opens for the row {@code id}. */
    public void startEdit(long id) {
        editingId = id;
        reason = null;
    }

    /** The delete dialog opens for the row {@code id}, called {@code name}. */
    public void startDelete(long id, String name) {
        deletingId = id;
        deletingName = name;
        reason = null;
    }

    /** Creates or updates the row named {@code name}; the result, or null when refused (messages shown). */
    public <T> T save(String name, Create<T> create, Update<T> update) {
        if (editingId == null) {
            return Pages.attempt(formId, kind + " '" + name + "' " + created + ".", () -> create.create(reason));
        }
        long id = editingId;
        return Pages.attempt(formId, kind + " '" + name + "' saved.", () -> update.update(id, reason));
    }

    /** Saves the row named {@code name} with one call for new and existing rows ("… saved."); null when refused. */
    public <T> T save(String name, Save<T> save) {
        Long id = editingId;
        return Pages.attempt(formId, kind + " '" + name + "' saved.", () -> save.save(id, reason));
    }

    /** Deletes the row the delete dialog was opened for (its form is {@code deleteForm}); whether it was deleted. */
    public boolean delete(Delete delete) {
        return delete("deleteForm", kind + " '" + deletingName + "' deleted.", delete);
    }

    /**
     * Ends the row the dialog was opened for in a dialog of its own wording (a grant revoked, a connection ended):
     * {@code formId} gets the messages of a refusal, {@code success} is the message when done; whether it was done.
     */
    public boolean delete(String formId, String success, Delete delete) {
        long id = deletingId;
        return Pages.attempt(formId, success, () -> {
            delete.delete(id, reason);
            return Boolean.TRUE;
        }) != null;
    }

    public boolean isEditing() {
        return editingId != null;
    }

    /** The row the edit dialog edits, or null for a new one. */
    public Long getEditingId() {
        return editingId;
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
