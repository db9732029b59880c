package io.keyswitch.datapoint.history;

import io.keyswitch.access.AccessService;
import io.keyswitch.datapoint.DataPoint;
import io.keyswitch.datapoint.DataPointValue;
import io.keyswitch.device.Device;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.ValidationFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What a chart, the API and an export read of a data point's history. Scoped like every device read: the actor's
 * account, and for someone who may connect but not see all devices ({@code device:connect} without
 * {@code device:view}, a technician) only the devices their grants reach; anything else is "not found", the same as a
 * device that does not exist.
 */
@ApplicationScoped
public class HistoryQuery {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    AccessService access;

    @Inject
    HistoryJob job;

    /** The device's data points by name, for an actor who may read the device. */
    public List<DataPoint> points(Actor actor, long deviceId) {
        requireDevice(actor, deviceId);
        return em.createQuery("SELECT p FROM DataPoint p WHERE p.deviceId = :d AND p.accountId = :a ORDER BY p.name",
                DataPoint.class).setParameter("d", deviceId).setParameter("a", actor.accountId()).getResultList();
    }

    /** The device's data point of this name, for an actor who may read the device. */
    public DataPoint point(Actor actor, long deviceId, String name) {
        requireDevice(actor, deviceId);
        return em.createQuery("SELECT p FROM DataPoint p WHERE p.deviceId = :d AND p.accountId = :a AND p.name = :n",
                        DataPoint.class).setParameter("d", deviceId).setParameter("a", actor.accountId())
                .setParameter("n", name).getResultStream().findFirst().orElseThrow(() -> new NotFound("data point"));
    }

    /** A device's data point for a chart across devices, with the device's name. */
    public record DevicePoint(DataPoint point, String device) {
    }

    /**
     * The names of the number and on/off data points of the account's devices (all, or one project's), by name, at most
     * {@code max}: what a chart across devices offers.
     */
    public List<String> chartableNames(Actor actor, Long projectId, int max) {
        actor.require(Rights.DEVICE_VIEW);
        jakarta.persistence.TypedQuery<String> q = em.createQuery("SELECT DISTINCT p.name FROM DataPoint p, Device d WHERE"
                        + " d.id = p.deviceId AND p.accountId = :a AND d.accountId = :a AND p.kind <> :text"
                        + (projectId == null ? "" : " AND d.project.id = :project") + " ORDER BY p.name", String.class)
                .setParameter("a", actor.accountId()).setParameter("text", io.keyswitch.datapoint.DataPointType.TEXT)
                .setMaxResults(max);
        return (projectId == null ? q : q.setParameter("project", projectId)).getResultList();
    }

    /** The data points named {@code name} of the account's devices (all, or one project's), by device name, at most {@code max}. */
    public List<DevicePoint> pointsNamed(Actor actor, Long projectId, String name, int max) {
        actor.require(Rights.DEVICE_VIEW);
        return pointsNamedQuery(actor, projectId, name, "p, d.name", " ORDER BY d.name, d.id").setMaxResults(max)
                .getResultList().stream().map(r -> {
                    Object[] row = (Object[]) r;
                    return new DevicePoint((DataPoint) row[0], (String) row[1]);
                }).toList();
    }

    /** How many devices {@link #pointsNamed} chooses from. */
    public long countPointsNamed(Actor actor, Long projectId, String name) {
        actor.require(Rights.DEVICE_VIEW);
        return ((Number) pointsNamedQuery(actor, projectId, name, "COUNT(p)", "").getSingleResult()).longValue();
    }

    private jakarta.persistence.Query pointsNamedQuery(Actor actor, Long projectId, String name, String select, String order) {
        jakarta.persistence.Query q = em.createQuery("SELECT " + select + " FROM DataPoint p, Device d WHERE d.id = p.deviceId"
                + " AND p.accountId = :a AND d.accountId = :a AND p.name = :n"
                + (projectId == null ? "" : " AND d.project.id = :project") + order)
                .setParameter("a", actor.accountId()).setParameter("n", name);
        return projectId == null ? q : q.setParameter("project", projectId);
    }

    /**
     * The point's history over the period, as asked ({@link Aggregation#AUTO}: chosen by the period's length).
     *
     * @throws ValidationFailed (field {@code aggregate}) when raw values are asked for and there are more than an
     *                          answer may hold ({@code keyswitch.datapoints.history-raw-limit})
     */
    public History history(Actor actor, long deviceId, String name, HistoryPeriod period, Aggregation asked) {
        DataPoint p = point(actor, deviceId, name);
        int limit = job.settings().rawLimit();
        Aggregation used = asked;
        List<DataPointValue> raw = List.of();
        if (asked == Aggregation.RAW || asked == Aggregation.AUTO && period.length().compareTo(Aggregation.RAW_UP_TO) <= 0) {
            raw = rawPage(p.getId(), period.from(), true, period.to(), limit + 1);
            used = asked == Aggregation.AUTO ? Aggregation.auto(period.length(), raw.size(), limit) : asked;
            if (raw.size() > limit && asked == Aggregation.RAW) {
                throw ValidationFailed.of("aggregate", "This period holds more than " + limit + " raw values: ask for"
                        + " aggregate=hour or day, a shorter period, or the CSV export, which takes any size.");
            }
        } else if (asked == Aggregation.AUTO) {
            used = Aggregation.auto(period.length(), Long.MAX_VALUE, limit);
        }
        if (used == Aggregation.RAW) {
            return new History(p, period, used, raw, List.of());
        }
        List<HourAggregate> hours = hours(p.getId(), period.from(), period.to());
        return new History(p, period, used, List.of(), used == Aggregation.DAY ? Periods.days(hours) : hours);
    }

    /**
     * Up to {@code size} raw values of a point (already read through {@link #point}) from {@code from} ({@code inclusive}
     * or just after it) to before {@code to}, by time: one range of the key; an export reads page after page.
     */
    public List<DataPointValue> rawPage(long pointId, Instant from, boolean inclusive, Instant to, int size) {
        return em.createQuery("SELECT v FROM DataPointValue v WHERE v.dataPointId = :p AND v.at " + (inclusive ? ">=" : ">")
                        + " :from AND v.at < :to ORDER BY v.at", DataPointValue.class).setParameter("p", pointId)
                .setParameter("from", from).setParameter("to", to).setMaxResults(size).getResultList();
    }

    /** The point's hourly aggregates whose hour starts in [hour of {@code from}, {@code to}), by time. */
    public List<HourAggregate> hours(long pointId, Instant from, Instant to) {
        List<HourAggregate> out = new ArrayList<>();
        for (Object row : em.createNativeQuery("SELECT hour, min_value, max_value, sum_value, value_count FROM"
                        + " data_point_hour WHERE data_point_id = ? AND hour >= ? AND hour < ? ORDER BY hour")
                .setParameter(1, pointId).setParameter(2, LocalDateTime.ofInstant(Periods.hourOf(from), ZoneOffset.UTC))
                .setParameter(3, LocalDateTime.ofInstant(to, ZoneOffset.UTC)).getResultList()) {
            Object[] r = (Object[]) row;
            out.add(new HourAggregate(pointId, HistoryStore.instant(r[0]), HistoryStore.number(r[1]), HistoryStore.number(r[2]), HistoryStore.number(r[3]),
                    ((Number) r[4]).intValue()));
        }
        return out;
    }

    /** The device must be the actor's account's, and a technician's by a grant: else it is not there for them. */
    private void requireDevice(Actor actor, long deviceId) {
        actor.requireAny(Rights.DEVICE_VIEW, Rights.DEVICE_CONNECT);
        Device d = em.find(Device.class, deviceId);
        if (d == null || d.getAccountId() != actor.accountId()
                || !actor.rights().test(Rights.DEVICE_VIEW) && access.myReach(actor, List.of(deviceId)).isEmpty()) {
            throw new NotFound("device");
        }
    }
}
