package io.keyswitch.connection.api;

import io.keyswitch.approval.ApprovalRequest;
import io.keyswitch.connection.Connection;
import io.keyswitch.connection.ConnectionComponent;
import io.keyswitch.connection.Machines;
import java.time.Instant;
import java.util.List;

/** Connections and machines as the API shows and takes them; times are UTC ISO-8601. */
public final class ConnectionJson {

    private ConnectionJson() {
    }

    /** A Connect: the device, why (required when the account's rules say so) and an optional order number. */
    public record ConnectIn(Long deviceId, String reason, String orderNumber) {
    }

    /** An administrator's End: the reason is required. */
    public record EndIn(String reason) {
    }

    /**
     * One connection: state {@code WAITING}/{@code OPEN}/{@code CLOSED}, {@code waitingFor} while it waits, the
     * components it opened, the technician's tunnel address, bytes both ways, and how it ended.
     */
    public record ConnectionOut(long id, Long userId, String user, Long deviceId, String device, String state,
                                String waitingFor, String reason, String orderNumber, String requestedAt, String openedAt,
                                String closedAt, long seconds, String technicianAddress, long bytesToDevice,
                                long bytesFromDevice, String closeCause, String closedBy, String closeReason,
                                List<OpenedOut> components, ApprovalOut approval) {
        static ConnectionOut of(Connection c, String waitingFor, List<ConnectionComponent> opened, Instant now,
                                ApprovalRequest approval) {
            return new ConnectionOut(c.getId(), c.getUserId(), c.getUserName(), c.getDeviceId(), c.getDeviceName(),
                    c.getState().name(), waitingFor, c.getReason(), c.getOrderNumber(), text(c.getRequestedAt()),
                    text(c.getOpenedAt()), text(c.getClosedAt()), c.duration(now).toSeconds(), c.getTechnicianAddress(),
                    c.getBytesToDevice(), c.getBytesFromDevice(), c.getCloseCause() == null ? null : c.getCloseCause().name(),
                    c.getClosedBy(), c.getCloseReason() != null ? c.getCloseReason()
                    : c.getCloseCause() == null ? null : c.getCloseCause().words(),
                    opened.stream().map(o -> new OpenedOut(o.getComponentId(), o.getComponentName(), o.getRealAddress(),
                            o.getVirtualAddress(), o.getServices())).toList(), ApprovalOut.of(approval));
        }
    }

    /**
     * The operator's approval a connection was opened under (null for a device without approval): the request, who
     * approved it, when, the window and the comment; and who ended the window early, if anyone did.
     */
    public record ApprovalOut(long requestId, String approvedBy, String approvedAt, String windowStart, String windowEnd,
                              String comment, String endedBy, String endedAt, String endComment) {
        static ApprovalOut of(ApprovalRequest q) {
            return q == null ? null : new ApprovalOut(q.getId(), q.getDecidedBy(), text(q.getDecidedAt()),
                    text(q.getWindowStart()), text(q.getWindowEnd()), q.getDecisionComment(), q.getEndedBy(),
                    text(q.getEndedAt()), q.getEndComment());
        }
    }

    /** A component a connection opened: reach it at {@code virtualAddress} on {@code services}. */
    public record OpenedOut(long componentId, String name, String realAddress, String virtualAddress, String services) {
    }

    /**
     * A machine the caller's grants reach: the device, whether it is online, the components they may connect to, and
     * the caller's live connection to it (its id and state), if any.
     */
    public record MachineOut(long deviceId, String name, String virtualSubnet, String lanSubnet, String status,
                             boolean online, List<OpenedOut> components, Long connectionId, String connectionState) {
        static MachineOut of(Machines.Machine m) {
            return new MachineOut(m.device().getId(), m.device().getName(), m.device().getVirtualSubnet(),
                    m.device().getLanSubnet(), m.device().getStatus().name(), m.isOnline(),
                    m.components().stream().map(g -> new OpenedOut(g.componentId(), g.name(), g.realAddress(),
                            g.virtualAddress(), g.services())).toList(),
                    m.mine() == null ? null : m.mine().getId(), m.mine() == null ? null : m.mine().getState().name());
        }
    }

    static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
