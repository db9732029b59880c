package io.keyswitch.connection;

import io.keyswitch.device.ServiceList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The firewall rules a connection needs: for each granted component, one rule per merged service. */
public final class ConnectionRules {

    private ConnectionRules() {
    }

    /**
     * The rules that let {@code technician} (on the account's tun interface {@code device}) reach each component's
     * virtual address on its services only. A component whose stored service list no longer parses gets none.
     */
    public static List<FirewallRule> of(String device, String technician, Collection<GrantedComponent> components) {
        List<FirewallRule> rules = new ArrayList<>();
        for (GrantedComponent c : components) {
            ServiceList.Parsed parsed = ServiceList.parse(c.services());
            if (!parsed.ok()) {
                continue;
            }
            for (ServiceList.Service s : parsed.list().merged()) {
                rules.add(new FirewallRule(device, technician, c.virtualAddress(), s.protocol(), s.fromPort(), s.toPort()));
            }
        }
        return List.copyOf(rules);
    }
}
