package io.keyswitch.connection;

import io.keyswitch.access.Reach;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.Outcome;
import io.keyswitch.security.Actor;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.Collection;
import java.util.List;

/**
 * A connection's audit events: {@code connection.request} (a Connect, by the technician), {@code connection.open}
 * (its rules in place) and {@code connection.close} (who or what closed it, why, and what crossed it), each with the
 * connection as target {@code connection:<id>}.
 */
public final class ConnectionAudit {

    /** The actor of what the portal does by itself (opening, closing on a condition). */
    public static final String SYSTEM = "system";

    private ConnectionAudit() {
    }

    static AuditEntry requested(Actor actor, Connection c, List<Reach> reach) {
        JsonArrayBuilder components = Json.createArrayBuilder();
        reach.forEach(r -> components.add(r.component()));
        JsonObjectBuilder details = base(c).add("components", components);
        if (c.getOrderNumber() != null) {
            details.add("orderNumber", c.getOrderNumber());
        }
        return new AuditEntry(c.getAccountId(), actor.name(), actor.userId(), actor.sourceIp(), "connection.request",
                target(c), Outcome.SUCCESS, details.build().toString(), c.getReason());
    }

    public static AuditEntry opened(Connection c, Collection<GrantedComponent> opened, int rules) {
        JsonArrayBuilder components = Json.createArrayBuilder();
        opened.forEach(g -> components.add(Json.createObjectBuilder().add("name", g.name())
                .add("virtualAddress", g.virtualAddress()).add("services", g.services())));
        return new AuditEntry(c.getAccountId(), SYSTEM, null, null, "connection.open", target(c), Outcome.SUCCESS,
                base(c).add("technicianAddress", c.getTechnicianAddress()).add("components", components)
                        .add("rules", rules).build().toString(), null);
    }

    /** An open connection's rules followed a change of its grants or components. */
    public static AuditEntry changed(Connection c, Collection<GrantedComponent> now, int rules) {
        JsonArrayBuilder components = Json.createArrayBuilder();
        now.forEach(g -> components.add(Json.createObjectBuilder().add("name", g.name())
                .add("virtualAddress", g.virtualAddress()).add("services", g.services())));
        return new AuditEntry(c.getAccountId(), SYSTEM, null, null, "connection.change", target(c), Outcome.SUCCESS,
                base(c).add("components", components).add("rules", rules).build().toString(),
                "what the technician's grants reach on the device changed");
    }

    public static AuditEntry closed(Connection c, Long byUserId, String sourceIp) {
        JsonObjectBuilder details = base(c).add("cause", c.getCloseCause().name())
                .add("bytesToDevice", c.getBytesToDevice()).add("bytesFromDevice", c.getBytesFromDevice());
        if (c.getOpenedAt() != null && c.getClosedAt() != null) {
            details.add("seconds", c.duration(c.getClosedAt()).toSeconds());
        }
        return new AuditEntry(c.getAccountId(), c.getClosedBy(), byUserId, sourceIp, "connection.close", target(c),
                Outcome.SUCCESS, details.build().toString(),
                c.getCloseReason() != null ? c.getCloseReason() : c.getCloseCause().words());
    }

    private static JsonObjectBuilder base(Connection c) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("user", c.getUserName()).add("device", c.getDeviceName());
        if (c.getDeviceId() != null) {
            b.add("deviceId", c.getDeviceId());
        }
        return b;
    }

    private static String target(Connection c) {
        return "connection:" + c.getId();
    }
}
