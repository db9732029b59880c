package io.keyswitch.approval.web;

import io.keyswitch.approval.ApprovalRequest;
import io.keyswitch.approval.ApprovalRequests;
import io.keyswitch.platform.Actor;
import io.keyswitch.platform.NotFound;
import io.keyswitch.platform.web.Formats;
import io.keyswitch.platform.web.PagedModel;
import io.keyswitch.platform.web.Pages;
import io.keyswitch.device.Device;
import io.keyswitch.device.DeviceService;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.primefaces.PrimeFaces;

/**
 * The page "Approvals": the requests a person made and those their groups answer, newest first, paged and filtered
 * by the database, re-rendered by itself when one changes (the technician sees the answer without reload); a request
 * to connect ({@code ?device=}: the form opens for that device); approve (optionally a shorter window), refuse or end
 * with a comment; {@code ?request=} (the link in the approvers' mail) opens that request's answer dialog.
 */
@Named
@ViewScoped
public class ApprovalsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ApprovalRequests requests;

    @Inject
    transient DeviceService devices;

    @Inject
    transient java.time.Clock clock;

    private String which = "all";
    private String state = "";
    private Long device;
    private String deviceName;
    private Long request;
    private long fingerprint;

    // the request form
    private String reason;
    private String orderNumber;
    private LocalDateTime start;
    private Integer minutes = 60;

    // the answer dialog
    private Long answering;
    private String answeringText;
    private String answer = "approve";
    private String comment;
    private LocalDateTime approvedStart;
    private Integer approvedMinutes;

    private final PagedModel<ApprovalRequest> model = new PagedModel<>(
            filter -> requests.count(actor(), filter(filter)),
            (filter, sort, ascending, first, size) -> requests.page(actor(), filter(filter), first, size),
            ApprovalRequest::getId);

    /** The page's view action: the device to request for, the request to answer (from the mail's link). */
    public void load() {
        Actor actor = actor();
        fingerprint = requests.fingerprint(actor);
        if (device != null) {
            deviceName = java.util.Optional.ofNullable(devices.byIds(actor, java.util.List.of(device)).get(device))
                    .map(Device::getName).orElse(null);
            if (deviceName == null) {
                device = null;
            }
        }
        if (request != null) {
            try {
                ApprovalRequest q = requests.find(actor, request);
                if (requests.isApprover(actor, q) && q.getState() == ApprovalRequest.State.PENDING) {
                    startAnswer(q, "approve");
                    PrimeFaces.current().executeScript("PF('answerDialog').show()");
                }
            } catch (NotFound e) {
                Pages.info("There is no such request, or it is not yours to see.");
            }
        }
    }

    private ApprovalRequests.Filter filter(String text) {
        ApprovalRequests.Which w = ApprovalRequests.Which.valueOf(which.replace('-', '_').toUpperCase(Locale.ROOT));
        ApprovalRequest.State s = state == null || state.isBlank() ? null : ApprovalRequest.State.valueOf(state);
        return new ApprovalRequests.Filter(w, s, text);
    }

    /** The page's poll: re-renders the list only when a request the person sees was made or changed. */
    public void poll() {
        long now = requests.fingerprint(actor());
        if (now != fingerprint) {
            fingerprint = now;
            PrimeFaces.current().ajax().update("listForm:requests");
        }
    }

    public void send() {
        ApprovalRequest q = Pages.attempt("requestForm", null, () -> requests.request(actor(), device, reason, orderNumber,
                iso(start), minutes));
        if (q != null) {
            Pages.info("Your request " + q.getId() + " for " + q.getDeviceName() + " is sent to the approvers. This page"
                    + " shows their answer; you also get it by mail.");
            device = null;
            reason = null;
            orderNumber = null;
            start = null;
            fingerprint = requests.fingerprint(actor());
        }
    }

    public void startAnswer(ApprovalRequest q, String kind) {
        answering = q.getId();
        answeringText = q.getUserName() + " → " + q.getDeviceName() + ", " + Formats.timeOf(q.wanted().start()) + " for "
                + q.getWantedMinutes() + " min: " + q.getReason() + (q.getOrderNumber() == null ? "" : " · " + q.getOrderNumber());
        answer = kind;
        comment = null;
        approvedStart = null;
        approvedMinutes = null;
    }

    public void answer() {
        Actor actor = actor();
        long id = answering;
        ApprovalRequest q = switch (answer) {
            case "approve" -> Pages.attempt("answerForm", "Request " + id + " approved.",
                    () -> requests.approve(actor, id, comment, iso(approvedStart), approvedMinutes));
            case "refuse" -> Pages.attempt("answerForm", "Request " + id + " refused.", () -> requests.refuse(actor, id, comment));
            default -> Pages.attempt("answerForm", "The window of request " + id + " ended; the connection is closed.",
                    () -> requests.end(actor, id, comment));
        };
        if (q != null) {
            fingerprint = requests.fingerprint(actor);
        }
    }

    public boolean mayAnswer(ApprovalRequest q) {
        return q.getState() == ApprovalRequest.State.PENDING && requests.isApprover(actor(), q);
    }

    public boolean mayEnd(ApprovalRequest q) {
        return q.getState() == ApprovalRequest.State.APPROVED && q.getWindowEnd().isAfter(clock.instant())
                && requests.isApprover(actor(), q);
    }

    /** "approved 10:00–10:20 UTC by operator: comment", "refused by …", "waiting until …", "expired", "ended by …". */
    public String answerOf(ApprovalRequest q) {
        String c = q.getDecisionComment() == null ? "" : ": " + q.getDecisionComment();
        return switch (q.getState()) {
            case PENDING -> "waiting for an answer until " + Formats.timeOf(q.getExpiresAt());
            case APPROVED -> "approved by " + q.getDecidedBy() + " for " + Formats.timeOf(q.getWindowStart()) + " to "
                    + Formats.timeOf(q.getWindowEnd()) + c;
            case REFUSED -> "refused by " + q.getDecidedBy() + c;
            case EXPIRED -> "expired: nobody answered by " + Formats.timeOf(q.getExpiresAt());
            case ENDED -> "ended early by " + q.getEndedBy() + " at " + Formats.timeOf(q.getEndedAt())
                    + (q.getEndComment() == null ? "" : ": " + q.getEndComment());
        };
    }

    private static String iso(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC).toString();
    }

    private static Actor actor() {
        return Actor.current(Pages.sourceIp());
    }

    public PagedModel<ApprovalRequest> getModel() {
        return model;
    }

    public String getWhich() {
        return which;
    }

    public void setWhich(String which) {
        this.which = which == null || which.isBlank() ? "all" : which;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public Long getDevice() {
        return device;
    }

    public void setDevice(Long device) {
        this.device = device;
    }

    public String getDeviceName() {
        return deviceName;
    }

    public Long getRequest() {
        return request;
    }

    public void setRequest(Long request) {
        this.request = request;
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

    public LocalDateTime getStart() {
        return start;
    }

    public void setStart(LocalDateTime start) {
        this.start = start;
    }

    public Integer getMinutes() {
        return minutes;
    }

    public void setMinutes(Integer minutes) {
        this.minutes = minutes;
    }

    public String getAnsweringText() {
        return answeringText;
    }

    public String getAnswer() {
        return answer;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    public LocalDateTime getApprovedStart() {
        return approvedStart;
    }

    public void setApprovedStart(LocalDateTime approvedStart) {
        this.approvedStart = approvedStart;
    }

    public Integer getApprovedMinutes() {
        return approvedMinutes;
    }

    public void setApprovedMinutes(Integer approvedMinutes) {
        this.approvedMinutes = approvedMinutes;
    }
}
