package io.keyswitch.keyswitch;

import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.AuditTrail;
import io.keyswitch.audit.Changes;
import io.keyswitch.datapoint.DeviceReports;
import io.keyswitch.device.Device;
import io.keyswitch.device.DeviceService;
import io.keyswitch.device.Project;
import io.keyswitch.device.ProjectService;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.PortalStarted;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.StartupOrder;
import io.keyswitch.platform.ValidationFailed;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The key switch of devices: what each device's setting is and what its switch was last reported as (one indexed
 * query per device, or one per page of devices), and the setting changed on a device or a project, with a reason,
 * audited ({@code key-switch.setting}). A switch is known for as long as a device counts as reporting
 * ({@link io.keyswitch.datapoint.DataPointSettings#offlineAfter()}: the report interval × the intervals after which a
 * device is offline); after that it is not known, which counts as off.
 *
 * <p>Which accounts set "on" anywhere is kept in memory (read at start, grown by each change), so that a device of an
 * account that never asked for the key switch costs no query at a Connect, a sweep or a report.
 */
@ApplicationScoped
public class KeySwitches {

    /** The data point the routers report the key switch (digital input IN1) as. */
    public static final String DATA_POINT = "in1";

    private static final Logger LOG = Logger.getLogger(KeySwitches.class.getName());

    // a missing requirement row's "required" reads as false (a primitive), so its id says whether there is one
    private static final String STATE = "SELECT d.id, d.name, dr.id, dr.required, pr.id, pr.required, p.lastNumber,"
            + " p.lastAt, r.at"
            + " FROM Device d LEFT JOIN d.project pj"
            + " LEFT JOIN KeySwitchRequirement dr ON dr.deviceId = d.id"
            + " LEFT JOIN KeySwitchRequirement pr ON pr.projectId = pj.id"
            + " LEFT JOIN DataPoint p ON p.deviceId = d.id AND p.name = '" + DATA_POINT + "'"
            + " LEFT JOIN LastReport r ON r.deviceId = d.id"
            + " WHERE d.accountId = :a AND d.id IN :ids";

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    DeviceService devices;

    @Inject
    ProjectService projects;

    @Inject
    DeviceReports reports;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** Accounts with a key switch setting "on" somewhere; {@code null} until read at start (then every account may). */
    private volatile Set<Long> requiring;

    void atStart(@Observes @Priority(StartupOrder.KEY_SWITCH) PortalStarted started) {
        Set<Long> found = ConcurrentHashMap.newKeySet();
        found.addAll(em.createQuery("SELECT DISTINCT k.accountId FROM KeySwitchRequirement k WHERE k.required = TRUE",
                Long.class).getResultList());
        requiring = found;
        LOG.info("Key switch: " + found.size() + " account(s) need the key switch on some device or project; a switch"
                + " is known for " + knownFor().toSeconds() + " s after its last report (report interval × offline-after-intervals)");
    }

    /** Whether some device of the account may need the key switch (false: none does, no query needed). */
    public boolean mayRequire(long accountId) {
        Set<Long> r = requiring;
        return r == null || r.contains(accountId);
    }

    /** How long a reported switch is known (then it counts as off). */
    public Duration knownFor() {
        return reports.settings().offlineAfter();
    }

    public Instant now() {
        return clock.instant();
    }

    /** The key switch of one device of the account, or empty when it is not the account's. */
    @Transactional
    public Optional<KeySwitchState> state(long accountId, long deviceId) {
        return Optional.ofNullable(states(accountId, List.of(deviceId)).get(deviceId));
    }

    /** The key switches of these devices of the account, by device id, in one query. */
    @Transactional
    public Map<Long, KeySwitchState> states(long accountId, Collection<Long> deviceIds) {
        Map<Long, KeySwitchState> out = new HashMap<>();
        if (deviceIds.isEmpty()) {
            return out;
        }
        for (Object[] row : em.createQuery(STATE, Object[].class).setParameter("a", accountId)
                .setParameter("ids", List.copyOf(new HashSet<>(deviceIds))).getResultList()) {
            Instant pointAt = (Instant) row[7];
            Instant received = (Instant) row[8];
            Instant heard = pointAt == null ? null : received != null && received.isBefore(pointAt) ? received : pointAt;
            Double number = (Double) row[6];
            Choice own = row[2] == null ? Choice.INHERIT : Choice.of((Boolean) row[3]);
            Choice project = row[4] == null ? Choice.OFF : Choice.of((Boolean) row[5]);
            out.put((Long) row[0], new KeySwitchState((Long) row[0], (String) row[1], own, project,
                    number == null ? null : number != 0, heard));
        }
        return out;
    }

    /** A device's setting and switch as its page and the API show them (right device:view). */
    @Transactional
    public KeySwitchState ofDevice(Actor actor, long deviceId) {
        Device d = devices.find(actor, deviceId).orElseThrow(() -> new NotFound("device"));
        return state(actor.accountId(), d.getId()).orElseThrow(() -> new NotFound("device"));
    }

    /** A project's default (right device:view): {@code ON} or {@code OFF}. */
    @Transactional
    public Choice ofProject(Actor actor, long projectId) {
        Project p = projects.find(actor, projectId);
        return row("projectId", p.getId()).map(k -> Choice.of(k.isRequired())).orElse(Choice.OFF);
    }

    /**
     * Sets a device's choice ({@code inherit}, {@code on}, {@code off}) with a reason (right device:edit).
     *
     * @throws ValidationFailed for another choice (field {@code choice}) or a missing reason; nothing is stored then
     */
    @Transactional
    public KeySwitchState changeDevice(Actor actor, long deviceId, String choice, String reason) {
        actor.require(Rights.DEVICE_EDIT);
        Device d = devices.find(actor, deviceId).orElseThrow(() -> new NotFound("device"));
        Choice wanted = checked(choice, true);
        String why = Actor.requireReason(reason);
        Optional<KeySwitchRequirement> row = row("deviceId", d.getId());
        Choice before = row.map(k -> Choice.of(k.isRequired())).orElse(Choice.INHERIT);
        store(actor, row, wanted, () -> new KeySwitchRequirement(actor.accountId(), null, d.getId()));
        record(actor, "device:" + d.getId(), before, wanted, why);
        return state(actor.accountId(), d.getId()).orElseThrow();
    }

    /**
     * Sets a project's default ({@code on}, {@code off}) for its devices that inherit it, with a reason (right
     * project:manage).
     *
     * @throws ValidationFailed for another choice (field {@code choice}) or a missing reason; nothing is stored then
     */
    @Transactional
    public Choice changeProject(Actor actor, long projectId, String choice, String reason) {
        actor.require(Rights.PROJECT_MANAGE);
        Project p = projects.find(actor, projectId);
        Choice wanted = checked(choice, false);
        String why = Actor.requireReason(reason);
        Optional<KeySwitchRequirement> row = row("projectId", p.getId());
        Choice before = row.map(k -> Choice.of(k.isRequired())).orElse(Choice.OFF);
        store(actor, row, wanted, () -> new KeySwitchRequirement(actor.accountId(), p.getId(), null));
        record(actor, "project:" + p.getId(), before, wanted, why);
        return wanted;
    }

    private static Choice checked(String choice, boolean inheritAllowed) {
        Optional<Choice> c = Choice.parse(choice).filter(x -> inheritAllowed || x != Choice.INHERIT);
        if (c.isEmpty()) {
            throw ValidationFailed.of("choice", inheritAllowed ? "Choose inherit (the project's default), on or off."
                    : "Choose on or off (a project's default for its devices).");
        }
        return c.get();
    }

    private void store(Actor actor, Optional<KeySwitchRequirement> row, Choice wanted,
                       java.util.function.Supplier<KeySwitchRequirement> made) {
        if (wanted == Choice.INHERIT) {
            row.ifPresent(em::remove);
            return;
        }
        KeySwitchRequirement k = row.orElseGet(made);
        k.set(wanted == Choice.ON, clock.instant(), actor.name());
        if (row.isEmpty()) {
            em.persist(k);
        }
        if (wanted == Choice.ON) {
            Set<Long> r = requiring;
            if (r != null) {
                r.add(actor.accountId());
            }
        }
    }

    private void record(Actor actor, String target, Choice before, Choice after, String why) {
        Changes changes = Changes.of().field("keySwitchRequired", before.wire(), after.wire());
        if (!changes.isEmpty()) {
            audit.record(AuditEntry.change(actor, AuditAction.KEY_SWITCH_SETTING, target, changes, why));
        }
    }

    private Optional<KeySwitchRequirement> row(String field, long id) {
        return em.createQuery("SELECT k FROM KeySwitchRequirement k WHERE k." + field + " = :id", KeySwitchRequirement.class)
                .setParameter("id", id).getResultList().stream().findFirst();
    }
}
