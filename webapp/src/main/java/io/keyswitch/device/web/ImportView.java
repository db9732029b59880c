package io.keyswitch.device.web;

import io.keyswitch.device.DeviceCsv;
import io.keyswitch.device.DeviceImport;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;
import org.primefaces.model.file.UploadedFile;

/**
 * The device import: upload a CSV, see what it holds and every bad line, then import all of it or
 * nothing, with a progress bar. Only the file's bytes are kept between the steps.
 */
@Named
@ViewScoped
public class ImportView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient DeviceImport importer;

    private transient UploadedFile file;
    private byte[] content;
    private String fileName;
    private DeviceImport.Check check;
    private String reason;
    private volatile int stored;
    private volatile boolean committed;

    public void upload() {
        committed = false;
        stored = 0;
        if (file == null || file.getSize() == 0) {
            FacesContext.getCurrentInstance().addMessage("uploadForm:file",
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, "Please choose a CSV file.", null));
            return;
        }
        content = file.getContent();
        fileName = file.getFileName();
        check = Pages.attempt("uploadForm", null, () -> importer.check(Actor.current(Pages.sourceIp()), content));
    }

    public void commit() {
        if (content == null || check == null || !check.ok()) {
            return;
        }
        stored = 0;
        DeviceImport.Check done = Pages.attempt("commitForm", null,
                () -> importer.commit(Actor.current(Pages.sourceIp()), content, reason, n -> stored = n));
        if (done != null) {
            committed = true;
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    done.devices() + " devices with " + done.components() + " components imported from " + fileName + ".", null));
            content = null;
            check = null;
            reason = null;
        }
    }

    /** How far the import is, 0–100, for the progress bar. */
    public int getPercent() {
        DeviceImport.Check c = check;
        if (committed) {
            return 100;
        }
        return c == null || c.devices() == 0 ? 0 : (int) Math.min(99, stored * 100L / c.devices());
    }

    public StreamedContent getTemplate() {
        return DefaultStreamedContent.builder().name("keyswitch-devices-template.csv").contentType("text/csv")
                .stream(() -> new ByteArrayInputStream(DeviceCsv.TEMPLATE.getBytes(StandardCharsets.UTF_8))).build();
    }

    public UploadedFile getFile() {
        return file;
    }

    public void setFile(UploadedFile file) {
        this.file = file;
    }

    public DeviceImport.Check getCheck() {
        return check;
    }

    public String getFileName() {
        return fileName;
    }

    public boolean isCommitted() {
        return committed;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
