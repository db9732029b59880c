package io.keyswitch.connection.web;

import io.keyswitch.approval.ApprovalRequest;
import io.keyswitch.approval.ApprovalRequests;
import io.keyswitch.connection.Connection;
import io.keyswitch.connection.ConnectionComponent;
import io.keyswitch.connection.ConnectionQuery;
import io.keyswitch.connection.ConnectionService;
import io.keyswitch.connection.ConnectionState;
import io.keyswitch.platform.web.EditCycle;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.platform.web.PagedModel;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.vpn.TechnicianTunnels;
import io.keyswitch.vpn.VpnService;
import io.keyswitch.workreport.WorkReport;
import io.keyswitch.workreport.WorkReportExport;
import io.keyswitch.workreport.WorkReports;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.primefaces.PrimeFaces;

/**
 * A list of connections — live ones on the home page, one device's on its page, the history with its filters —
 * newest first, paged by the database and re-rendered by itself when a connection of the account changed; an
 * administrator's End with a reason. Without {@code connection:view} a technician sees their own only.
 */
@Named
@ViewScoped
public class ConnectionsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ConnectionService connections;

    @Inject
    VpnService vpn;

    @Inject
    TechnicianTunnels tunnels;

    @Inject
    Clock clock;

    @Inject
    ApprovalRequests approvalRequests;

    @Inject
    WorkReports workReports;

    @Inject
    WorkReportExport workReportWords;

    private String which = "live";
    private Long deviceId;
    private Long userId;
    private LocalDate from;
    private LocalDate to;
    private long liveVersion;
    private final EditCycle ending = new EditCycle("Connection", "endForm");
    private transient Map<Long, List<ConnectionComponent>> opened = Map.of();
    private transient Map<Long, ApprovalRequest> approvals = Map.of();
    private transient Map<Long, WorkReport> reports = Map.of();

    private final PagedModel<Connection> model = new PagedModel<>(
            filter -> connections.count(actor(), query().withText(filter)),
            (filter, sort, ascending, first, size) -> {
                List<Connection> page = connections.page(actor(), query().withText(filter), first, size);
                opened = connections.components(page);
                approvals = approvalRequests.forConnections(page);
                reports = workReports.ofConnections(actor(), page.stream().map(Connection::getId).toList());
                return page;
            },
            Connection::getId);

    @PostConstruct
    void load() {
        liveVersion = vpn.statusVersion(actor());
    }

    private ConnectionQuery query() {
        ConnectionQuery.Which w = ConnectionQuery.Which.valueOf(which.toUpperCase(Locale.ROOT));
        return new ConnectionQuery(w, deviceId, userId, from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), null);
    }

    /** The page's poll: re-renders the list only when a connection (or device) of the account changed. */
    public void poll() {
        long now = vpn.statusVersion(actor());
        if (now != liveVersion) {
            liveVersion = now;
            PrimeFaces.current().ajax().update("connectionsForm:connections");
        }
    }

    public void startEnd(Connection c) {
        ending.startDelete(c.getId(), c.getUserName() + " → " + c.getDeviceName());
    }

    public void end() {
        ending.delete("endForm", "The connection " + ending.getDeletingName() + " was ended.",
                (id, reason) -> connections.end(actor(), id, reason));
    }

    /** "PLC 100.64.3.10 (tcp/102)"; while it waits, nothing was opened yet. */
    public String components(Connection c) {
        return opened.getOrDefault(c.getId(), List.of()).stream()
                .map(o -> o.getComponentName() + " " + o.getVirtualAddress() + " (" + o.getServices() + ")")
                .collect(Collectors.joining(", "));
    }

    /** The connection's work report (the record's column), or null when none was asked for. */
    public WorkReport report(Connection c) {
        return reports == null ? null : reports.get(c.getId());
    }

    /** The work report's state in words: open, correctable until …, final. */
    public String reportState(WorkReport r) {
        return workReportWords.state(r);
    }

    /** open / waiting for … / closed: why. */
    public String state(Connection c) {
        return switch (c.getState()) {
            case OPEN -> "open";
            case WAITING -> connections.waitingFor(c, c.getUserId() != null && tunnels.of(c.getUserId()).isPresent())
                    .orElse("waiting");
            case CLOSED -> "closed: " + MachinesView.closedWords(c) + (c.getClosedBy() == null ? "" : " (" + c.getClosedBy() + ")");
        };
    }

    /** "reason · order number", either may be missing. */
    public String why(Connection c) {
        String reason = c.getReason() == null ? "" : c.getReason();
        String why = c.getOrderNumber() == null ? reason : reason + " · " + c.getOrderNumber();
        ApprovalRequest approval = approvals == null ? null : approvals.get(c.getId());
        return approval == null ? why : why + " · " + approval.summary();
    }

    public String since(Connection c) {
        return Formats.timeOf(c.getOpenedAt() != null ? c.getOpenedAt() : c.getRequestedAt());
    }

    public String duration(Connection c) {
        return c.getOpenedAt() == null ? "" : Formats.durationOf(c.duration(clock.instant()));
    }

    public String bytes(Connection c) {
        return Formats.bytesOf(c.getBytesToDevice()) + " to / " + Formats.bytesOf(c.getBytesFromDevice()) + " from";
    }

    public boolean live(Connection c) {
        return c.getState() != ConnectionState.CLOSED;
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public PagedModel<Connection> getModel() {
        return model;
    }

    public String getWhich() {
        return which;
    }

    public void setWhich(String which) {
        this.which = which == null || !List.of("live", "closed", "all").contains(which) ? "live" : which;
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public void setDeviceId(Long deviceId) {
        this.deviceId = deviceId;
    }

    public Long getUserId() {
        return userId;
    }

    public void setUserId(Long userId) {
        this.userId = userId;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    /** The End dialog's cycle: which connection ({@code deletingName}: "tom → Pump 3") and the reason. */
    public EditCycle getEnding() {
        return ending;
    }
}
