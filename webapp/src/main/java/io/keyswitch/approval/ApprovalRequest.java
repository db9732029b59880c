package io.keyswitch.approval;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A technician's request to connect to a device in a time window, sent to the approvers' group, and its answer: who
 * approved (with the window given, perhaps shorter than asked) or refused it, when and with which comment; or that it
 * expired unanswered; or that an approver ended the approved window early.
 */
@Entity
@Table(name = "approval_request")
public class ApprovalRequest {

    /** Where a request is. */
    public enum State { PENDING, APPROVED, REFUSED, EXPIRED, ENDED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(name = "device_id")
    private Long deviceId;

    @Column(name = "device_name", nullable = false, updatable = false)
    private String deviceName;

    @Column(name = "user_id")
    private Long userId;

    @Column(name = "user_name", nullable = false, updatable = false)
    private String userName;

    @Column(name = "user_group_id")
    private Long userGroupId;

    @Column(nullable = false, updatable = false)
    private String reason;

    @Column(name = "order_number", updatable = false)
    private String orderNumber;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "wanted_start", nullable = false, updatable = false)
    private Instant wantedStart;

    @Column(name = "wanted_minutes", nullable = false, updatable = false)
    private int wantedMinutes;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state = State.PENDING;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "window_start")
    private Instant windowStart;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "window_end")
    private Instant windowEnd;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_by_id")
    private Long decidedById;

    @Column(name = "decision_comment")
    private String decisionComment;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "ended_by")
    private String endedBy;

    @Column(name = "end_comment")
    private String endComment;

    @Version
    private long version;

    protected ApprovalRequest() {
    }

    ApprovalRequest(long accountId, long deviceId, String deviceName, long userId, String userName, Long userGroupId,
                    String reason, String orderNumber, ApprovalWindow wanted, Instant requestedAt, Instant expiresAt) {
        this.accountId = accountId;
        this.deviceId = deviceId;
        this.deviceName = deviceName;
        this.userId = userId;
        this.userName = userName;
        this.userGroupId = userGroupId;
        this.reason = reason;
        this.orderNumber = orderNumber;
        this.wantedStart = wanted.start();
        this.wantedMinutes = (int) wanted.length().toMinutes();
        this.requestedAt = requestedAt;
        this.expiresAt = expiresAt;
    }

    void approve(ApprovalWindow window, String by, long byId, String comment, Instant at) {
        state = State.APPROVED;
        windowStart = window.start();
        windowEnd = window.end();
        decided(by, byId, comment, at);
    }

    void refuse(String by, long byId, String comment, Instant at) {
        state = State.REFUSED;
        decided(by, byId, comment, at);
    }

    void expire() {
        state = State.EXPIRED;
    }

    void end(String by, String comment, Instant at) {
        state = State.ENDED;
        endedAt = at;
        endedBy = by;
        endComment = comment;
        if (windowEnd == null || windowEnd.isAfter(at)) {
            windowEnd = at;
        }
    }

    private void decided(String by, long byId, String comment, Instant at) {
        decidedBy = by;
        decidedById = byId;
        decisionComment = comment;
        decidedAt = at;
    }

    /** The window the technician asked for. */
    public ApprovalWindow wanted() {
        return new ApprovalWindow(wantedStart, wantedStart.plus(Duration.ofMinutes(wantedMinutes)));
    }

    /** The window approved (for an ended request: until it was ended), or {@code null}. */
    public ApprovalWindow window() {
        return windowStart == null ? null : new ApprovalWindow(windowStart, windowEnd);
    }

    /** Whether a connection may be open under this request at {@code t}. */
    public boolean allows(Instant t) {
        return state == State.APPROVED && window().covers(t);
    }

    /** The approval in a connection's record: "approved by operator at …, window … to … UTC: comment". */
    public String summary() {
        return "approved by " + decidedBy + " at " + decidedAt + ", window " + windowStart + " to " + windowEnd
                + (decisionComment == null ? "" : ": " + decisionComment)
                + (endedBy == null ? "" : "; ended early by " + endedBy + (endComment == null ? "" : ": " + endComment));
    }

    /** What the audit trail records of it. */
    Map<String, String> shown() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("device", deviceName);
        m.put("technician", userName);
        m.put("orderNumber", orderNumber == null ? "" : orderNumber);
        m.put("wanted", wanted().start() + " .. " + wanted().end());
        m.put("state", state.name());
        if (windowStart != null) {
            m.put("window", windowStart + " .. " + windowEnd);
        }
        if (decisionComment != null) {
            m.put("comment", decisionComment);
        }
        return m;
    }

    public Long getId() {
        return id;
    }

    public long getAccountId() {
        return accountId;
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public String getDeviceName() {
        return deviceName;
    }

    public Long getUserId() {
        return userId;
    }

    public String getUserName() {
        return userName;
    }

    public Long getUserGroupId() {
        return userGroupId;
    }

    public String getReason() {
        return reason;
    }

    public String getOrderNumber() {
        return orderNumber;
    }

    public Instant getWantedStart() {
        return wantedStart;
    }

    public int getWantedMinutes() {
        return wantedMinutes;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public State getState() {
        return state;
    }

    public Instant getWindowStart() {
        return windowStart;
    }

    public Instant getWindowEnd() {
        return windowEnd;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public String getDecisionComment() {
        return decisionComment;
    }

    public Instant getEndedAt() {
        return endedAt;
    }

    public String getEndedBy() {
        return endedBy;
    }

    public String getEndComment() {
        return endComment;
    }
}
