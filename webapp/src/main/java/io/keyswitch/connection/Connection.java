package io.keyswitch.connection;

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

/**
 * One technician's connection to one device: who, to which device, why (reason, order number), when it was asked
 * for, opened and closed, the technician's tunnel address its rules were written for, the bytes that crossed them
 * both ways, and who or what closed it and why. Names are kept, so the record stays readable when the user or device
 * is gone.
 */
@Entity
@Table(name = "connection")
public class Connection {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(name = "user_id")
    private Long userId;

    @Column(name = "user_name", nullable = false, length = 200, updatable = false)
    private String userName;

    @Column(name = "device_id")
    private Long deviceId;

    @Column(name = "device_name", nullable = false, length = 100, updatable = false)
    private String deviceName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ConnectionState state = ConnectionState.WAITING;

    @Column(length = 1000, updatable = false)
    private String reason;

    @Column(name = "order_number", length = 64, updatable = false)
    private String orderNumber;

    @Column(name = "source_address", length = 45, updatable = false)
    private String sourceAddress;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "opened_at")
    private Instant openedAt;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "technician_address", length = 15)
    private String technicianAddress;

    @Column(name = "bytes_to_device", nullable = false)
    private long bytesToDevice;

    @Column(name = "bytes_from_device", nullable = false)
    private long bytesFromDevice;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "last_activity_at")
    private Instant lastActivityAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "close_cause", length = 32)
    private CloseCause closeCause;

    @Column(name = "closed_by", length = 200)
    private String closedBy;

    @Column(name = "close_reason", length = 1000)
    private String closeReason;

    @Version
    private long version;

    protected Connection() {
    }

    public Connection(long accountId, long userId, String userName, long deviceId, String deviceName, String reason,
                      String orderNumber, String sourceAddress, Instant requestedAt) {
        this.accountId = accountId;
        this.userId = userId;
        this.userName = userName;
        this.deviceId = deviceId;
        this.deviceName = deviceName;
        this.reason = reason;
        this.orderNumber = orderNumber;
        this.sourceAddress = sourceAddress;
        this.requestedAt = requestedAt;
    }

    /** The rules are in place for {@code address}. */
    public void open(String address, Instant at) {
        this.state = ConnectionState.OPEN;
        this.technicianAddress = address;
        this.openedAt = at;
        this.lastActivityAt = at;
    }

    public void close(CloseCause cause, String by, String why, Instant at) {
        this.state = ConnectionState.CLOSED;
        this.closeCause = cause;
        this.closedBy = by;
        this.closeReason = why;
        this.closedAt = at;
    }

    /** Bytes that crossed the rules since the last count; activity when any did. */
    public void count(long toDevice, long fromDevice, Instant at) {
        this.bytesToDevice += toDevice;
        this.bytesFromDevice += fromDevice;
        if (toDevice > 0 || fromDevice > 0) {
            this.lastActivityAt = at;
        }
    }

    public boolean isLive() {
        return state != ConnectionState.CLOSED;
    }

    /** How long it was (or has been, until {@code now}) open; zero when it never opened. */
    public Duration duration(Instant now) {
        if (openedAt == null) {
            return Duration.ZERO;
        }
        return Duration.between(openedAt, closedAt != null ? closedAt : now);
    }

    public Long getId() {
        return id;
    }

    public long getAccountId() {
        return accountId;
    }

    public Long getUserId() {
        return userId;
    }

    public String getUserName() {
        return userName;
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public String getDeviceName() {
        return deviceName;
    }

    public ConnectionState getState() {
        return state;
    }

    public String getReason() {
        return reason;
    }

    public String getOrderNumber() {
        return orderNumber;
    }

    public String getSourceAddress() {
        return sourceAddress;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public Instant getOpenedAt() {
        return openedAt;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public String getTechnicianAddress() {
        return technicianAddress;
    }

    public long getBytesToDevice() {
        return bytesToDevice;
    }

    public long getBytesFromDevice() {
        return bytesFromDevice;
    }

    public Instant getLastActivityAt() {
        return lastActivityAt;
    }

    public CloseCause getCloseCause() {
        return closeCause;
    }

    public String getClosedBy() {
        return closedBy;
    }

    public String getCloseReason() {
        return closeReason;
    }
}
