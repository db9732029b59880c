package io.keyswitch.workreport;

import io.keyswitch.connection.ConnectionFollowUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A connection's work report in the connections report: "#12 final", "#13 open" — one query for a page's connections. */
@ApplicationScoped
public class WorkReportFollowUp implements ConnectionFollowUp {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Inject
    WorkReportExport words;

    @Override
    public String heading() {
        return "Work report";
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Long, String> of(List<Long> connectionIds) {
        if (connectionIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT r FROM WorkReport r WHERE r.connectionId IN :ids", WorkReport.class)
                .setParameter("ids", connectionIds).getResultList().stream()
                .collect(Collectors.toMap(WorkReport::getConnectionId, r -> "#" + r.getId() + " " + words.state(r),
                        (a, b) -> a, java.util.HashMap::new));
    }
}
