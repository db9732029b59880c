package io.keyswitch.compliance;

import java.util.List;

/**
 * The role of a feature that can measure now how it meets some IEC 62443-3-3 system requirements: second factors
 * enrolled, password rules, bans, audit volume, the chain check, the TLS in use. Each feature that knows implements
 * it as an {@code @ApplicationScoped} bean in its own package; the compliance page finds them all, so it depends on
 * no feature. A measurement is a few indexed queries: the page asks every source each time it is shown.
 */
public interface ComplianceEvidence {

    /**
     * What this feature measures now for {@code scope}: the whole appliance (every account) or one account, which
     * must then see nothing of other accounts.
     */
    List<Evidence> measure(EvidenceScope scope);
}
