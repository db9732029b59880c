package io.keyswitch.connection.internal;

import io.keyswitch.connection.ConnectionState;
import io.keyswitch.datapoint.TunnelDemand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Device reports' {@link TunnelDemand}: a device's tunnel is wanted while a technician's connection to it waits for
 * the tunnel or is open (one indexed query on the connection table).
 */
@ApplicationScoped
public class LiveConnectionDemand implements TunnelDemand {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Override
    public boolean wanted(long deviceId) {
        return !em.createQuery("SELECT c.id FROM Connection c WHERE c.deviceId = :d AND c.state IN :live", Long.class)
                .setParameter("d", deviceId).setParameter("live", List.of(ConnectionState.WAITING, ConnectionState.OPEN))
                .setMaxResults(1).getResultList().isEmpty();
    }
}
