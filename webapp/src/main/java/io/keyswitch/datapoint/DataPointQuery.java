package io.keyswitch.datapoint;

import io.keyswitch.platform.Actor;
import io.keyswitch.platform.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What pages read of device reports, scoped to the actor's account: a device's data points with their current
 * values, and the last reports of a page of devices in one query.
 */
@ApplicationScoped
public class DataPointQuery {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    DeviceReports reports;

    /** The device's data points by name; none for a device of another account. */
    public List<DataPoint> current(Actor actor, long deviceId) {
        actor.requireAny(Rights.DEVICE_VIEW, Rights.DEVICE_CONNECT);
        return em.createQuery("SELECT p FROM DataPoint p WHERE p.deviceId = :d AND p.accountId = :a ORDER BY p.name",
                DataPoint.class).setParameter("d", deviceId).setParameter("a", actor.accountId()).getResultList();
    }

    /** The last report of each of these devices that ever reported (one query). */
    public Map<Long, LastReport> lastReports(Actor actor, Collection<Long> deviceIds) {
        actor.requireAny(Rights.DEVICE_VIEW, Rights.DEVICE_CONNECT);
        if (deviceIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT r FROM LastReport r WHERE r.accountId = :a AND r.deviceId IN :ids", LastReport.class)
                .setParameter("a", actor.accountId()).setParameter("ids", deviceIds).getResultList().stream()
                .collect(Collectors.toMap(LastReport::getDeviceId, Function.identity()));
    }

    /**
     * The devices of the account, all or one project's, by name, one page: what the dashboard shows as tiles.
     *
     * @param projectId a project of the account, or {@code null}: every device
     */
    public List<io.keyswitch.device.Device> devices(Actor actor, Long projectId, int first, int size) {
        return devicesOf(actor, projectId).orderBy("d.name").page(first, size);
    }

    /** How many devices {@link #devices} pages through. */
    public long countDevices(Actor actor, Long projectId) {
        return devicesOf(actor, projectId).count();
    }

    private io.keyswitch.platform.AccountScopedQuery<io.keyswitch.device.Device> devicesOf(Actor actor, Long projectId) {
        actor.require(Rights.DEVICE_VIEW);
        var q = io.keyswitch.platform.AccountScopedQuery.of(em, io.keyswitch.device.Device.class, "d", "accountId",
                actor.accountId());
        return projectId == null ? q : q.and("d.project.id = :project", "project", projectId);
    }

    /** The current value of the data point {@code name} (e.g. {@code in1}, the key switch) of each of these devices. */
    public Map<Long, DataPoint> current(Actor actor, Collection<Long> deviceIds, String name) {
        actor.requireAny(Rights.DEVICE_VIEW, Rights.DEVICE_CONNECT);
        if (deviceIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT p FROM DataPoint p WHERE p.accountId = :a AND p.deviceId IN :ids AND p.name = :n",
                        DataPoint.class).setParameter("a", actor.accountId()).setParameter("ids", deviceIds)
                .setParameter("n", name).getResultList().stream()
                .collect(Collectors.toMap(DataPoint::getDeviceId, Function.identity()));
    }

    /** A device's presence now from its last report (or {@code null}) and its tunnel's state. */
    public Presence presence(LastReport last, boolean tunnelUp, java.time.Instant tunnelLastSeen) {
        return Presence.of(last == null ? null : last.getAt(), tunnelUp, tunnelLastSeen, clock.instant(),
                reports.settings().offlineAfter());
    }
}
