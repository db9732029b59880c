package io.keyswitch.provisioning.web;

import io.keyswitch.device.DeviceService;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.provisioning.BulkProfiles;
import jakarta.annotation.PreDestroy;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.primefaces.PrimeFaces;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/**
 * The devices page's "Profiles (archive)": the profiles and secrets of the devices whose name or serial number starts
 * with what is typed (all for nothing), as one archive encrypted with the passphrase typed, with a progress bar while
 * they are made. The archive waits in an owner-only temporary file (encrypted) until it is downloaded once, or the
 * view ends.
 */
@Named
@ViewScoped
public class BulkProfilesView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient BulkProfiles profiles;

    @Inject
    transient DeviceService devices;

    private String filter;
    private String passphrase;
    private String reason;
    private volatile int done;
    private volatile int total;
    private transient Path archive;
    private int made;

    public void start() {
        filter = null;
        passphrase = null;
        reason = null;
        done = 0;
        total = 0;
        discard();
    }

    /** Checks the request, then makes every profile into the archive; the bar follows {@link #getPercent()}. */
    public void make() {
        discard();
        Actor actor = Actor.current(Pages.sourceIp());
        char[] secret = passphrase == null ? null : passphrase.toCharArray();
        passphrase = null;
        List<Long> ids = devices.ids(actor, filter, BulkProfiles.MAX_DEVICES + 1);
        BulkProfiles.Selection selection = Pages.attempt("bulkForm", null, () -> profiles.select(actor, ids, secret, reason));
        if (selection == null) {
            return;
        }
        total = selection.deviceIds().size();
        done = 0;
        Path file = Pages.attempt("bulkForm", null, () -> write(actor, selection, secret));
        if (file != null) {
            archive = file;
            made = total;
            PrimeFaces.current().ajax().addCallbackParam("ok", true);
        }
    }

    private Path write(Actor actor, BulkProfiles.Selection selection, char[] secret) {
        Path file = null;
        try {
            file = Files.createTempFile("keyswitch-profiles-", ".zip",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(file)) {
                profiles.write(actor, selection, secret, out, n -> done = n);
            }
            return file;
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    /** How far the archive is, 0–100. */
    public int getPercent() {
        return total == 0 ? 0 : (int) Math.min(100, done * 100L / total);
    }

    public boolean isReady() {
        return archive != null;
    }

    public int getMade() {
        return made;
    }

    /** The archive, once: deleted when it has been read. */
    public StreamedContent getArchive() {
        Path file = archive;
        archive = null;
        if (file == null) {
            return io.keyswitch.platform.web.Downloads.once("device-profiles.zip", null, "application/zip");
        }
        return DefaultStreamedContent.builder().name("device-profiles.zip").contentType("application/zip").stream(() -> {
            try {
                return new FilterInputStream(Files.newInputStream(file)) {
                    @Override
                    public void close() throws IOException {
                        super.close();
                        delete(file);
                    }
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).build();
    }

    @PreDestroy
    void discard() {
        delete(archive);
        archive = null;
        made = 0;
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the temporary folder's cleaning takes it; it is encrypted
            }
        }
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter;
    }

    public String getPassphrase() {
        return passphrase;
    }

    public void setPassphrase(String passphrase) {
        this.passphrase = passphrase;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
