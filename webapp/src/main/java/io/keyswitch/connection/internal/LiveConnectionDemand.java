package io.keyswitch.connection.internal;

import io.keyswitch.connection.ConnectionState;
import io.keyswitch.datapoint.TunnelDemand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Device reports' {@link TunnelDemand}: a device's tunnel is wanted while a technician's connection to it waits for
 * the tunnel or is open (one indexed query for a batch of devices; the reports' own writes, which cannot change a
 * connection, are not flushed for it).
 */
@ApplicationScoped
public class LiveConnectionDemand implements TunnelDemand {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Override
    public Set<Long> wanted(Collection<Long> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("SELECT DISTINCT c.deviceId FROM Connection c WHERE c.deviceId IN :d"
                        + " AND c.state IN :live", Long.class)
                .setParameter("d", deviceIds).setParameter("live", List.of(ConnectionState.WAITING, ConnectionState.OPEN))
                .setFlushMode(FlushModeType.COMMIT).getResultList());
    }
}
