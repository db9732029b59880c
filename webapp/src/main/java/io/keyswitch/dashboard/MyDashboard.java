package io.keyswitch.dashboard;

import io.keyswitch.datapoint.history.HistoryPeriod;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.Rights;
import io.keyswitch.platform.ValidationFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * The signed-in person's own dashboard (right {@code device:view}): what they pinned from a project's dashboard — its
 * tiles, or its chart of a data point over a period — in their order, at most {@link #MOST} pieces. A layout of one's
 * own view, like the columns one hides: it changes nothing anybody else sees, so it asks for no reason and is not
 * audited.
 */
@ApplicationScoped
@Transactional
public class MyDashboard {

    /** Pieces one dashboard holds at most (each chart reads the history of up to 10 devices). */
    public static final int MOST = 12;

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    Clock clock;

    /** The person's pieces, in their order. */
    public List<DashboardItem> items(Actor actor) {
        return em.createQuery("SELECT i FROM DashboardItem i WHERE i.userId = :u AND i.accountId = :a ORDER BY i.position,"
                + " i.id", DashboardItem.class).setParameter("u", user(actor)).setParameter("a", actor.accountId())
                .getResultList();
    }

    /** Pins the tiles of a project's devices ({@code null}: all devices), last. */
    public DashboardItem pinTiles(Actor actor, Long projectId) {
        return pin(actor, projectId, null, null);
    }

    /** Pins the chart of the data point {@code dataPoint} across a project's devices over {@code period}, last. */
    public DashboardItem pinChart(Actor actor, Long projectId, String dataPoint, HistoryPeriod.Length period) {
        if (dataPoint == null || dataPoint.isBlank() || dataPoint.length() > 64) {
            throw ValidationFailed.of("point", "Choose the value the chart shows.");
        }
        if (period == null) {
            throw ValidationFailed.of("period", "Choose the period: day, week, month or year.");
        }
        return pin(actor, projectId, dataPoint, period.name());
    }

    private DashboardItem pin(Actor actor, Long projectId, String dataPoint, String period) {
        long user = user(actor);
        if (projectId != null && em.createQuery("SELECT COUNT(p) FROM Project p WHERE p.id = :p AND p.accountId = :a",
                Long.class).setParameter("p", projectId).setParameter("a", actor.accountId()).getSingleResult() == 0) {
            throw new NotFound("project");
        }
        List<DashboardItem> now = items(actor);
        if (now.size() >= MOST) {
            throw ValidationFailed.of("pin", "Your dashboard holds at most " + MOST + " tiles and charts: remove one first.");
        }
        int last = now.isEmpty() ? 0 : now.get(now.size() - 1).getPosition() + 1;
        DashboardItem item = new DashboardItem(actor.accountId(), user, last, projectId, dataPoint, period, clock.instant());
        em.persist(item);
        return item;
    }

    /** Moves a piece one place up ({@code up}) or down; at the top or bottom it stays. */
    public void move(Actor actor, long id, boolean up) {
        List<DashboardItem> now = items(actor);
        int i = indexOf(now, id);
        int j = up ? i - 1 : i + 1;
        if (j < 0 || j >= now.size()) {
            return;
        }
        for (int k = 0; k < now.size(); k++) {
            now.get(k).moveTo(k == i ? j : k == j ? i : k);
        }
    }

    public void remove(Actor actor, long id) {
        List<DashboardItem> now = items(actor);
        em.remove(now.get(indexOf(now, id)));
    }

    private static int indexOf(List<DashboardItem> items, long id) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).getId() == id) {
                return i;
            }
        }
        throw new NotFound("dashboard piece");
    }

    /** The person: their own dashboard only, and only with the right to see devices. */
    private static long user(Actor actor) {
        actor.require(Rights.DEVICE_VIEW);
        if (actor.userId() == null) {
            throw new NotFound("dashboard");
        }
        return actor.userId();
    }
}
