package io.keyswitch.device;

import io.keyswitch.platform.Ipv4Subnet;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.platform.NameKey;

import io.keyswitch.account.Account;
import io.keyswitch.account.VirtualPools;
import io.keyswitch.account.AccountPolicies;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.device.DeviceCsv.CsvComponent;
import io.keyswitch.device.DeviceCsv.CsvDevice;
import io.keyswitch.device.DeviceCsv.RowError;
import io.keyswitch.platform.ValidationFailed;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * Imports devices with their components from a CSV file (see {@link DeviceCsv}) into the actor's
 * account: first a check that names every bad line and stores nothing, then a commit of all of it
 * in one transaction — or nothing, when any line is wrong. Each device created is an audit event.
 */
@ApplicationScoped
public class DeviceImport {

    /** The largest file an import reads (the import page takes the same). */
    public static final int MAX_BYTES = 32 * 1024 * 1024;

    /** The problems shown at most; the count says how many there are in all. */
    public static final int MAX_SHOWN_ERRORS = 1000;

    private static final int FLUSH_EVERY = 500;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    AccountPolicies policies;

    @Inject
    Clock clock;

    @Inject
    VirtualPools pools;

    /** What a check of the file found. */
    public record Check(long rows, int devices, long components, List<RowError> errors, long errorCount) {
        public boolean ok() {
            return errorCount == 0;
        }

        public long getRows() {
            return rows;
        }

        public int getDevices() {
            return devices;
        }

        public long getComponents() {
            return components;
        }

        public List<RowError> getErrors() {
            return errors;
        }

        public long getErrorCount() {
            return errorCount;
        }
    }

    /**
     * Checks the file against the rules and the account (names taken, projects, room in the pool — counting the
     * blocks the pool would grow by); stores nothing.
     */
    @Transactional
    public Check check(Actor actor, byte[] file) {
        return prepare(actor, file, LockModeType.NONE).check();
    }

    /**
     * Imports every device of the file, or nothing: throws {@link ValidationFailed} (field "file")
     * when any line is wrong. {@code progress} hears how many devices are stored so far.
     */
    @Transactional
    public Check commit(Actor actor, byte[] file, String reason, IntConsumer progress) {
        String why = policies.reason(actor, reason);
        Prepared prepared = prepare(actor, file, LockModeType.PESSIMISTIC_WRITE);
        Check check = prepared.check();
        if (!check.ok()) {
            throw ValidationFailed.of("file", check.errorCount() + (check.errorCount() == 1 ? " line has a problem" : " lines have problems")
                    + "; nothing was imported. Correct the file and check it again.");
        }
        // All is well: now the pool really grows (each block audited), and the subnets are given again from what it has
        // then (another account may have taken a planned block meanwhile).
        List<Ipv4Subnet> virtualSubnets = !prepared.poolGrows() ? prepared.virtualSubnets()
                : allocate(actor.accountId(), prepared.devices(), new ArrayList<>(), lanPrefix -> pools.grow(actor.accountId(), lanPrefix));
        if (virtualSubnets.size() < prepared.devices().size()) {
            throw ValidationFailed.of("file", "The virtual space " + pools.describeSpace() + " has no room left for "
                    + (prepared.devices().size() - virtualSubnets.size()) + " of the devices; nothing was imported.");
        }
        Instant now = clock.instant();
        List<AuditEntry> events = new ArrayList<>(prepared.devices.size());
        int done = 0;
        for (int i = 0; i < prepared.devices.size(); i++) {
            CsvDevice row = prepared.devices.get(i);
            Device d = new Device(actor.accountId(), row.name(), now);
            d.setSerialNumber(row.serialNumber());
            d.setDescription(row.description());
            d.setLanSubnet(row.lan().toString());
            d.setVirtualSubnet(virtualSubnets.get(i).toString());
            d.setProject(row.project() == null ? null
                    : em.getReference(Project.class, prepared.projects.get(NameKey.of(row.project()))));
            em.persist(d);
            for (CsvComponent c : row.components()) {
                Component comp = new Component(d, c.name(), now);
                comp.setIp(c.ip());
                comp.setServices(c.services());
                comp.setWeb2go(c.web2go());
                em.persist(comp);
            }
            events.add(AuditEntry.change(actor, AuditAction.DEVICE_IMPORT, "device:" + row.name(), Changes.of()
                    .field("name", null, row.name()).field("serialNumber", null, row.serialNumber())
                    .field("project", null, row.project()).field("lanSubnet", null, d.getLanSubnet())
                    .field("virtualSubnet", null, d.getVirtualSubnet())
                    .field("components", null, row.components().stream()
                            .map(c -> c.name() + " " + c.ip() + " " + c.services()).collect(Collectors.joining("; "))), why));
            done++;
            if (done % FLUSH_EVERY == 0) {
                em.flush();
                em.clear();
                progress.accept(done);
            }
        }
        em.flush();
        em.clear();
        audit.recordAll(events);
        progress.accept(done);
        return check;
    }

    private record Prepared(List<CsvDevice> devices, Map<String, Long> projects, List<Ipv4Subnet> virtualSubnets,
                            boolean poolGrows, long rows, long components, List<RowError> errors) {
        Check check() {
            List<RowError> shown = errors.size() > MAX_SHOWN_ERRORS ? errors.subList(0, MAX_SHOWN_ERRORS) : errors;
            return new Check(rows, devices.size(), components, List.copyOf(shown), errors.size());
        }
    }

    /** Reads and checks the file; {@code lock}: the account row, held by an import until it commits. */
    private Prepared prepare(Actor actor, byte[] file, LockModeType lock) {
        actor.require(Rights.DEVICE_EDIT);
        actor.require(Rights.COMPONENT_EDIT);
        if (file == null || file.length == 0) {
            throw ValidationFailed.of("file", "Please choose a CSV file.");
        }
        DeviceCsv.Parsed parsed = DeviceCsv.parse(file);
        List<RowError> errors = new ArrayList<>(parsed.errors());
        // Locked for an import: two imports (or an import and a new device) never get the same virtual
        // subnet. A check stores nothing and takes no lock.
        Account account = em.find(Account.class, actor.accountId(), lock);
        // names compared by their keys, as the database's unique keys compare them (NameKey)
        Set<String> taken = new HashSet<>(em.createQuery("SELECT d.nameKey FROM Device d WHERE d.accountId = :a", String.class)
                .setParameter("a", actor.accountId()).getResultList());
        Map<String, Long> projects = new HashMap<>();
        em.createQuery("SELECT p.nameKey, p.id FROM Project p WHERE p.accountId = :a", Object[].class)
                .setParameter("a", actor.accountId()).getResultList()
                .forEach(r -> projects.put((String) r[0], (Long) r[1]));
        // Planned: the blocks the pool would grow by are counted, not taken (a commit takes them once all is well).
        List<Ipv4Subnet> planned = new ArrayList<>();
        List<Ipv4Subnet> virtual = allocate(account.getId(), parsed.devices(), errors, lanPrefix -> pools.planGrowth(lanPrefix, planned)
                .map(b -> {
                    planned.add(b);
                    return b;
                }));
        for (CsvDevice d : parsed.devices()) {
            if (taken.contains(NameKey.of(d.name()))) {
                errors.add(new RowError(d.line(), "Device '" + d.name() + "': there is already a device with this name."));
            }
            if (d.project() != null && !projects.containsKey(NameKey.of(d.project()))) {
                errors.add(new RowError(d.line(), "Device '" + d.name() + "': there is no project named '" + d.project()
                        + "'. Create it on the Projects page first."));
            }
        }
        errors.sort(java.util.Comparator.comparingLong(RowError::line));
        return new Prepared(parsed.devices(), projects, virtual, !planned.isEmpty(), parsed.rows(), parsed.components(), errors);
    }

    /**
     * A virtual subnet for each device, from the account's blocks and, when they are full, from the blocks
     * {@code grow} gives; a device for which the space has no room left is named in {@code errors} (once, for it and
     * those after it).
     */
    private List<Ipv4Subnet> allocate(long accountId, List<CsvDevice> devices, List<RowError> errors,
                                      java.util.function.IntFunction<java.util.Optional<Ipv4Subnet>> grow) {
        VirtualSubnets allocator = new VirtualSubnets(pools.blocks(accountId), em.createQuery(
                        "SELECT d.virtualSubnet FROM Device d WHERE d.accountId = :a", String.class)
                .setParameter("a", accountId).getResultStream().map(s -> Ipv4Subnet.parse(s).subnet()).toList());
        List<Ipv4Subnet> virtual = new ArrayList<>(devices.size());
        for (CsvDevice d : devices) {
            var subnet = allocator.next(d.lan().prefix());
            if (subnet.isEmpty()) {
                var block = grow.apply(d.lan().prefix());
                block.ifPresent(allocator::add);
                subnet = block.flatMap(b -> allocator.next(d.lan().prefix()));
            }
            if (subnet.isEmpty()) {
                errors.add(new RowError(d.line(), "Device '" + d.name() + "': the virtual space " + pools.describeSpace()
                        + " has no free block left for a /" + d.lan().prefix() + " for this and the following devices"
                        + " (keyswitch.accounts.virtual-space)."));
                break;
            }
            virtual.add(subnet.get());
        }
        return virtual;
    }
}
