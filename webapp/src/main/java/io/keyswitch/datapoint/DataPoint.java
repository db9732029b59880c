package io.keyswitch.datapoint;

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
import java.time.Instant;

/**
 * A value one device reports, by name: its type (fixed at the first report) and unit, its current value and time, and
 * the last value written to the history ({@link DataPointValue}), which {@link SamplePolicy} compares with.
 */
@Entity
@Table(name = "data_point")
public class DataPoint {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(name = "device_id", nullable = false, updatable = false)
    private long deviceId;

    @Column(nullable = false, length = 64, updatable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8, updatable = false)
    private DataPointType kind;

    @Column(length = 16)
    private String unit;

    @Column(name = "last_number")
    private Double lastNumber;

    @Column(name = "last_text", length = 255)
    private String lastText;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "last_at", nullable = false)
    private Instant lastAt;

    @Column(name = "stored_number")
    private Double storedNumber;

    @Column(name = "stored_text", length = 255)
    private String storedText;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "stored_at", nullable = false)
    private Instant storedAt;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected DataPoint() {
    }

    /** A new point with its first value, which is stored. */
    public DataPoint(long accountId, long deviceId, Reading first, Instant at) {
        this.accountId = accountId;
        this.deviceId = deviceId;
        this.name = first.name();
        this.kind = first.type();
        this.unit = first.unit();
        this.createdAt = at;
        this.lastAt = at;
        this.lastNumber = first.number();
        this.lastText = first.text();
        stored(first, at);
    }

    /** The current value is now {@code r}, read at {@code at} (the unit follows the latest report). */
    public void current(Reading r, Instant at) {
        this.lastNumber = r.number();
        this.lastText = r.text();
        this.lastAt = at;
        this.unit = r.unit();
    }

    /** {@code r} was written to the history at {@code at}. */
    public void stored(Reading r, Instant at) {
        this.storedNumber = r.number();
        this.storedText = r.text();
        this.storedAt = at;
    }

    public Long getId() {
        return id;
    }

    public long getAccountId() {
        return accountId;
    }

    public long getDeviceId() {
        return deviceId;
    }

    public String getName() {
        return name;
    }

    public DataPointType getKind() {
        return kind;
    }

    public String getUnit() {
        return unit;
    }

    public Double getLastNumber() {
        return lastNumber;
    }

    public String getLastText() {
        return lastText;
    }

    public Instant getLastAt() {
        return lastAt;
    }

    public Double getStoredNumber() {
        return storedNumber;
    }

    public String getStoredText() {
        return storedText;
    }

    public Instant getStoredAt() {
        return storedAt;
    }

    /** The current value as a person reads it ({@code 21.5}, {@code on}, the text). */
    public String getShownValue() {
        return Reading.shown(kind, lastNumber, lastText);
    }
}
