package io.keyswitch.connection;

import java.util.List;

/**
 * The appliance's forward path as the connections see it: rules put in and taken out, listed with their byte counts.
 * The portal cannot change the firewall itself (it holds no network capability); the implementation asks the narrow
 * privileged helper that can.
 */
public interface Firewall {

    /** Whether rules can be written now and, if not, why. */
    Availability availability();

    /** Puts the rules in (all or none). Rules already in are kept. */
    void add(List<FirewallRule> rules) throws FirewallException;

    /** Takes the rules out (those that are not in are skipped) and returns what had crossed them. */
    Counted remove(List<FirewallRule> rules) throws FirewallException;

    /** Every rule in force now, with its byte counts. */
    List<CountedRule> list() throws FirewallException;

    /** Takes every rule out. */
    void clear() throws FirewallException;

    /** Whether the firewall can be changed, and if not, what stands in the way. */
    record Availability(boolean available, String detail) {
    }

    /** Bytes through rules: technician → device, device → technician. */
    record Counted(long toDevice, long fromDevice) {
        public static final Counted NONE = new Counted(0, 0);

        public Counted plus(Counted other) {
            return new Counted(toDevice + other.toDevice, fromDevice + other.fromDevice);
        }
    }

    /** A rule in force with what crossed it since it was put in. */
    record CountedRule(FirewallRule rule, Counted bytes) {
    }
}
