package io.keyswitch.alarm;

import io.keyswitch.datapoint.ActiveAlarmCounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link ActiveAlarmCounts} from the alarm table: the alarms not cleared yet, counted per device in one query. */
@ApplicationScoped
public class OpenAlarmCounts implements ActiveAlarmCounts {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Long, Integer> byDevice(long accountId, Collection<Long> deviceIds) {
        Map<Long, Integer> counts = new HashMap<>();
        if (deviceIds.isEmpty()) {
            return counts;
        }
        em.createQuery("SELECT a.deviceId, COUNT(a) FROM Alarm a WHERE a.accountId = :account AND a.deviceId IN :devices"
                        + " AND a.clearedAt IS NULL GROUP BY a.deviceId", Object[].class)
                .setParameter("account", accountId).setParameter("devices", List.copyOf(deviceIds)).getResultList()
                .forEach(row -> counts.put((Long) row[0], ((Number) row[1]).intValue()));
        return counts;
    }
}
