package io.keyswitch.connection.web;

import io.keyswitch.connection.Connection;
import io.keyswitch.connection.ConnectionService;
import io.keyswitch.connection.Machines;
import io.keyswitch.platform.web.Downloads;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.platform.web.PagedModel;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.platform.Actor;
import io.keyswitch.vpn.TechnicianTunnels;
import io.keyswitch.vpn.VpnService;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Objects;
import org.primefaces.PrimeFaces;
import org.primefaces.model.StreamedContent;

/**
 * My machines: the devices the technician's grants reach, each with its components and addresses, the device's VPN
 * status and the technician's own connection; Connect (reason, order number) and Disconnect; the technician's VPN
 * profile. The table re-renders by itself when a connection or a device of the account changed.
 */
@Named
@ViewScoped
public class MachinesView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Machines machines;

    @Inject
    ConnectionService connections;

    @Inject
    VpnService vpn;

    @Inject
    TechnicianTunnels tunnels;

    private Long connectingTo;
    private String connectingName;
    private String reason;
    private String orderNumber;
    private long liveVersion;
    private String problem;
    private transient VpnService.TechnicianProfile technicianProfile;

    private final PagedModel<Machines.Machine> model = new PagedModel<>(
            filter -> machines.count(actor(), filter),
            (filter, sort, ascending, first, size) -> machines.page(actor(), filter, first, size).machines(),
            m -> m.device().getId());

    @PostConstruct
    void load() {
        Actor actor = actor();
        liveVersion = vpn.statusVersion(actor);
        problem = connections.problem().orElse(null);
    }

    /** The page's poll: re-renders the table only when something of the account changed. */
    public void poll() {
        Actor actor = actor();
        long now = vpn.statusVersion(actor);
        if (now != liveVersion) {
            liveVersion = now;
            PrimeFaces.current().ajax().update("listForm:machines", "myVpn");
        }
        String p = connections.problem().orElse(null);
        if (!Objects.equals(p, problem)) {
            problem = p;
            PrimeFaces.current().ajax().update("problemBanner");
        }
    }

    public void startConnect(Machines.Machine machine) {
        connectingTo = machine.device().getId();
        connectingName = machine.device().getName();
        reason = null;
        orderNumber = null;
    }

    public void connect() {
        Connection c = Pages.attempt("connectForm", null, () -> connections.connect(actor(), connectingTo, reason, orderNumber));
        if (c != null) {
            Pages.info(switch (c.getState()) {
                case OPEN -> "Connected to " + c.getDeviceName() + ": its granted components are open for your VPN.";
                case WAITING -> "Connection to " + c.getDeviceName() + " asked for: it opens as soon as your VPN is up.";
                case CLOSED -> "The connection to " + c.getDeviceName() + " ended at once: " + closedWords(c);
            });
        }
    }

    public void disconnect(Machines.Machine machine) {
        if (machine.mine() != null) {
            Pages.attempt("listForm", "Disconnected from " + machine.device().getName() + ".",
                    () -> connections.disconnect(actor(), machine.mine().getId()));
        }
    }

    /** What the technician's own connection to the machine is doing, in words. */
    public String state(Machines.Machine machine) {
        Connection c = machine.mine();
        if (c == null) {
            return "";
        }
        return switch (c.getState()) {
            case OPEN -> "connected since " + Formats.timeOf(c.getOpenedAt()) + " · "
                    + Formats.bytesOf(c.getBytesToDevice()) + " to / " + Formats.bytesOf(c.getBytesFromDevice()) + " from";
            case WAITING -> connections.waitingFor(c, isVpnUp()).orElse("waiting");
            case CLOSED -> "";
        };
    }

    /** Why a Connect to the machine would be refused now for want of a consent (key switch, …); "" when none is missing. */
    public String consentMissing(Machines.Machine machine) {
        return connections.consentMissing(actor(), machine.device().getId()).orElse("");
    }

    /** Whether the signed-in technician's VPN tunnel is up now. */
    public boolean isVpnUp() {
        Actor actor = actor();
        return actor.userId() != null && tunnels.of(actor.userId()).isPresent();
    }

    /** "Your VPN: up since … (10.128.0.6)" / "Your VPN: not connected". */
    public String getVpnText() {
        Actor actor = actor();
        return actor.userId() == null ? "" : tunnels.of(actor.userId())
                .map(t -> "Your VPN: up since " + Formats.timeOf(t.since()) + " (tunnel address " + t.address() + ")")
                .orElse("Your VPN: not connected. Start OpenVPN with your technician profile; connections open when it is up.");
    }

    public void startTechnicianProfile() {
        technicianProfile = null;
        reason = null;
    }

    /** Makes the signed-in user's technician profile; the download button then appears in the dialog. */
    public void makeTechnicianProfile() {
        technicianProfile = Pages.attempt("technicianForm", "Your technician profile is ready: download it now.",
                () -> vpn.technicianProfile(actor(), reason));
    }

    public boolean isTechnicianProfileReady() {
        return technicianProfile != null;
    }

    /** The profile made last, once: afterwards it is gone from the page. */
    public StreamedContent getTechnicianProfileFile() {
        VpnService.TechnicianProfile p = technicianProfile;
        technicianProfile = null;
        return Downloads.once(p == null ? null : p.fileName(), p == null ? null : p.profile(), "application/x-openvpn-profile");
    }

    static String closedWords(Connection c) {
        return c.getCloseReason() != null ? c.getCloseReason() : c.getCloseCause() == null ? "" : c.getCloseCause().words();
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public PagedModel<Machines.Machine> getModel() {
        return model;
    }

    public String getProblem() {
        return problem;
    }

    public String getConnectingName() {
        return connectingName;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getOrderNumber() {
        return orderNumber;
    }

    public void setOrderNumber(String orderNumber) {
        this.orderNumber = orderNumber;
    }
}
