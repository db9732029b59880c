package io.keyswitch.device;

import io.keyswitch.compliance.ComplianceEvidence;
import io.keyswitch.compliance.Evidence;
import io.keyswitch.compliance.EvidenceScope;
import io.keyswitch.compliance.EvidenceWords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** What the inventory shows of IEC 62443-3-3 now (SR 7.8): how many projects, devices and components it lists. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class InventoryEvidence implements ComplianceEvidence {

    @PersistenceContext(unitName = "keyswitch")
    EntityManager em;

    @Override
    public List<Evidence> measure(EvidenceScope scope) {
        String where = scope.isAppliance() ? "" : " WHERE account_id = " + scope.accountId();
        long projects = count("SELECT COUNT(*) FROM project" + where);
        long devices = count("SELECT COUNT(*) FROM device" + where);
        long components = count("SELECT COUNT(*) FROM component" + where);
        return List.of(new Evidence("7.8", inventory(projects, devices, components)));
    }

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }

    /** "inventory: 20,000 devices with 100,000 components in 12 projects". */
    static String inventory(long projects, long devices, long components) {
        return "inventory: " + EvidenceWords.of(devices, "device") + " with " + EvidenceWords.of(components, "component")
                + " (address and allowed services each) in " + EvidenceWords.of(projects, "project");
    }
}
