package io.keyswitch.connection;

import io.keyswitch.access.Reach;
import io.keyswitch.audit.AuditAction;
import io.keyswitch.audit.AuditEntry;
import io.keyswitch.audit.Outcome;
import io.keyswitch.platform.Actor;
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
    public static final String SYSTEM = AuditEntry.SYSTEM;

    private ConnectionAudit() {
    }

    static AuditEntry requested(Actor actor, Connection c, List<Reach> reach) {
        JsonArrayBuilder components = Json.createArrayBuilder();
        reach.forEach(r -> components.add(r.component()));
        JsonObjectBuilder details = base(c).add("components", components);
        if (c.getOrderNumber() != null) {
            details.add("orderNumber", c.getOrderNumber());
        }
        return AuditEntry.of(actor, AuditAction.CONNECTION_REQUEST, Outcome.SUCCESS).in(c.getAccountId()).on(target(c))
                .withDetails(details.build().toString()).because(c.getReason());
    }

    public static AuditEntry opened(Connection c, Collection<GrantedComponent> opened, int rules) {
        JsonArrayBuilder components = Json.createArrayBuilder();
        opened.forEach(g -> components.add(Json.createObjectBuilder().add("name", g.name())
                .add("virtualAddress", g.virtualAddress()).add("services", g.services())));
        return AuditEntry.of(AuditAction.CONNECTION_OPEN, Outcome.SUCCESS).in(c.getAccountId()).bySystem().on(target(c))
                .withDetails(base(c).add("technicianAddress", c.getTechnicianAddress()).add("components", components)
                        .add("rules", rules).build().toString());
    }

    /** An open connection's rules followed a change of its grants or components. */
    public static AuditEntry changed(Connection c, Collection<GrantedComponent> now, int rules) {
        JsonArrayBuilder components = Json.createArrayBuilder();
        now.forEach(g -> components.add(Json.createObjectBuilder().add("name", g.name())
                .add("virtualAddress", g.virtualAddress()).add("services", g.services())));
        return AuditEntry.of(AuditAction.CONNECTION_CHANGE, Outcome.SUCCESS).in(c.getAccountId()).bySystem().on(target(c))
                .withDetails(base(c).add("components", components).add("rules", rules).build().toString())
                .because("what the technician's grants reach on the device changed");
    }

    public static AuditEntry closed(Connection c, Long byUserId, String sourceIp) {
        JsonObjectBuilder details = base(c).add("cause", c.getCloseCause().name())
                .add("bytesToDevice", c.getBytesToDevice()).add("bytesFromDevice", c.getBytesFromDevice());
        if (c.getOpenedAt() != null && c.getClosedAt() != null) {
            details.add("seconds", c.duration(c.getClosedAt()).toSeconds());
        }
        return AuditEntry.of(AuditAction.CONNECTION_CLOSE, Outcome.SUCCESS).in(c.getAccountId()).by(c.getClosedBy(), byUserId)
                .from(sourceIp).on(target(c)).withDetails(details.build().toString())
                .because(c.getCloseReason() != null ? c.getCloseReason() : c.getCloseCause().words());
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
