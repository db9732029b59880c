package io.keyswitch.datapoint;

import java.util.List;

/**
 * Role: a reason a device's tunnel is not wanted now, whatever else wants it (its tunnel mode "always", a technician's
 * connection) — the key switch at the machine turned off. Asked for every report whose answer would say "wanted";
 * implemented by the features that know the reason, so device reports need not know them.
 */
public interface TunnelVeto {

    /**
     * Whether the device's tunnel must not be held now.
     *
     * @param reported the readings of the report being answered, the device's newest values (not yet committed)
     */
    boolean vetoes(long accountId, long deviceId, List<Reading> reported);
}
