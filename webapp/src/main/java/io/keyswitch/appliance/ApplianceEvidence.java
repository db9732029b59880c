package io.keyswitch.appliance;

import io.keyswitch.compliance.ComplianceEvidence;
import io.keyswitch.compliance.Evidence;
import io.keyswitch.compliance.EvidenceScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What the appliance itself can say of IEC 62443-3-3 (SR 7.3, 7.4): it has no backup or restore function, so backups
 * are the operator's; the day it gets one, this says when the last backup ran instead.
 */
@ApplicationScoped
public class ApplianceEvidence implements ComplianceEvidence {

    static final String NO_BACKUP = "no backup function in the appliance: the operator's duty (VM snapshots or backups"
            + " of the VM's disk by the hypervisor; with the database, the key files in the portal's home)";

    @Override
    public List<Evidence> measure(EvidenceScope scope) {
        return List.of(new Evidence("7.3", NO_BACKUP),
                new Evidence("7.4", "recovery: the VM restored from the operator's backup or snapshot; no restore function in the appliance"));
    }
}
