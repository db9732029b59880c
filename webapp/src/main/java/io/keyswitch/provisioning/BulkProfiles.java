package io.keyswitch.provisioning;

import io.keyswitch.account.AccountPolicies;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.device.Device;
import io.keyswitch.device.DeviceService;
import io.keyswitch.platform.CsvCells;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.vpn.VpnService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The VPN profiles and secrets of many devices at once (commissioning 20,000 routers): one archive holding each
 * device's {@code .ovpn} and a {@code secrets.csv} (device, serial number, identity, secret, profile file), every entry
 * encrypted with AES-256 under a passphrase the user gives ({@link ProfileArchive}). Each profile is made as the device
 * page makes it ({@link VpnService#deviceProfile}: an earlier profile of the device is revoked, each audited); the
 * archive as a whole is audited once more ({@code vpn.device-profiles-bulk}, with the count, never a secret).
 * Everything a caller can get wrong is checked before the first profile is made.
 */
@ApplicationScoped
public class BulkProfiles {

    /** At most this many devices in one archive: the appliance's design size. */
    public static final int MAX_DEVICES = 20_000;

    /** The shortest passphrase taken: the archive holds every secret of the selection. */
    public static final int MIN_PASSPHRASE = 12;

    /** The longest passphrase taken. */
    public static final int MAX_PASSPHRASE = 200;

    /** The secrets file's name in the archive, and its columns. */
    public static final String SECRETS = "secrets.csv";
    static final String[] COLUMNS = {"device", "serial_number", "identity", "secret", "profile"};

    @Inject
    DeviceService devices;

    @Inject
    VpnService vpn;

    @Inject
    AuditTrail audit;

    @Inject
    AccountPolicies policies;

    /** The devices an archive is made of (checked: of the actor's account), and the reason. */
    public record Selection(List<Long> deviceIds, String reason) {
    }

    /**
     * Checks a request before anything is made: the rights (device:edit), the reason, the passphrase (at least
     * {@value #MIN_PASSPHRASE} characters), the devices (at least one, at most {@value #MAX_DEVICES}, each of the
     * actor's account). {@link ValidationFailed} names the field: {@code deviceIds}, {@code passphrase}, {@code reason}.
     */
    public Selection select(Actor actor, Collection<Long> deviceIds, char[] passphrase, String reason) {
        actor.require(Rights.DEVICE_EDIT);
        Map<String, String> errors = new LinkedHashMap<>();
        java.util.Optional<String> badText = passphrase == null ? java.util.Optional.empty()
                : io.keyswitch.platform.Text.problem(new String(passphrase), MAX_PASSPHRASE, false);
        if (badText.isPresent()) {
            errors.put("passphrase", "The passphrase " + badText.get());
        } else if (passphrase == null || passphrase.length < MIN_PASSPHRASE) {
            errors.put("passphrase", "Give a passphrase of at least " + MIN_PASSPHRASE + " characters: the archive holds"
                    + " every secret of these devices.");
        }
        List<Long> ids = deviceIds == null ? List.of() : deviceIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            errors.put("deviceIds", "Choose at least one device.");
        } else if (ids.size() > MAX_DEVICES) {
            errors.put("deviceIds", "At most " + MAX_DEVICES + " devices in one archive (" + ids.size() + " chosen).");
        } else if (ids.stream().anyMatch(java.util.Objects::isNull)) {
            errors.put("deviceIds", "A device id is missing.");
        } else {
            Set<Long> found = new HashSet<>();
            for (int from = 0; from < ids.size(); from += 1000) {
                found.addAll(devices.byIds(actor, ids.subList(from, Math.min(ids.size(), from + 1000))).keySet());
            }
            List<Long> unknown = ids.stream().filter(id -> !found.contains(id)).toList();
            if (!unknown.isEmpty()) {
                errors.put("deviceIds", unknown.size() + " of the devices do not exist (e.g. " + unknown.get(0) + ").");
            }
        }
        String why;
        try {
            why = policies.reason(actor, reason);
        } catch (ValidationFailed e) {
            errors.putAll(e.fieldErrors());
            why = null;
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return new Selection(ids, why);
    }

    /**
     * Makes the selection's profiles and writes the archive to {@code out}; {@code progress} hears how many devices are
     * done. Each profile is its own transaction (as on the device page): a failure part-way leaves the profiles made
     * so far in force, audited, and the archive unfinished.
     */
    public void write(Actor actor, Selection selection, char[] passphrase, OutputStream out, IntConsumer progress)
            throws IOException {
        StringWriter secrets = new StringWriter();
        Set<String> names = new HashSet<>();
        int done = 0;
        try (ProfileArchive archive = new ProfileArchive(out, passphrase);
             CSVPrinter csv = new CSVPrinter(secrets, CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get())) {
            for (List<Long> chunk : chunks(selection.deviceIds())) {
                Map<Long, Device> byId = devices.byIds(actor, chunk);
                for (Long id : chunk) {
                    VpnService.DeviceProfile p = vpn.deviceProfile(actor, id, selection.reason());
                    String file = names.add(p.fileName()) ? p.fileName() : p.fileName().replace(".ovpn", "-" + id + ".ovpn");
                    names.add(file);
                    archive.add(file, p.profile());
                    Device d = byId.get(id);
                    csv.printRecord(d == null ? "" : CsvCells.text(d.getName()),
                            d == null || d.getSerialNumber() == null ? "" : CsvCells.text(d.getSerialNumber()),
                            p.identity(), p.secret(), file);
                    progress.accept(++done);
                }
            }
            csv.flush();
            archive.add(SECRETS, secrets.toString());
        }
        audit.record(AuditEntry.change(actor, AuditAction.VPN_DEVICE_PROFILES_BULK, "devices:" + done, Changes.of()
                .field("profiles", null, done).field("archive", null, "AES-256 ZIP, " + (done + 1) + " files"),
                selection.reason()));
    }

    private static List<List<Long>> chunks(List<Long> ids) {
        List<List<Long>> chunks = new java.util.ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + 500)));
        }
        return chunks;
    }
}
