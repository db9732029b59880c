package io.keyswitch.connection.internal;

import io.keyswitch.connection.Firewall;
import io.keyswitch.connection.FirewallException;
import io.keyswitch.connection.FirewallRule;
import java.util.List;

/**
 * No firewall helper is configured ({@code keyswitch.firewall.socket} is empty): connections can be asked for and are
 * recorded, but none opens, and the portal says why. Nothing is ever let through.
 */
public final class UnavailableFirewall implements Firewall {

    private final String why;

    public UnavailableFirewall(String why) {
        this.why = why;
    }

    @Override
    public Availability availability() {
        return new Availability(false, why);
    }

    @Override
    public void add(List<FirewallRule> rules) throws FirewallException {
        throw new FirewallException(why);
    }

    @Override
    public Counted remove(List<FirewallRule> rules) {
        return Counted.NONE;
    }

    @Override
    public List<CountedRule> list() {
        return List.of();
    }

    @Override
    public void clear() {
        // nothing is in
    }
}
