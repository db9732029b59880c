package io.keyswitch.siem;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Where forwarding to one target stands, kept across restarts: the cursor the server is known to have, and the status. */
@Entity
@Table(name = "siem_position")
public class ForwardingPosition {

    /** The longest error text kept (the column's size). */
    static final int ERROR = 500;

    @Id
    @Column(name = "target_id")
    private Long targetId;

    @Column(name = "last_event_id", nullable = false)
    private long lastEventId;

    @Column(nullable = false, columnDefinition = "MEDIUMTEXT")
    private String gaps = "";

    @Column(nullable = false)
    private long forwarded;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "last_success_at")
    private Instant lastSuccessAt;

    @Column(name = "last_error", length = ERROR)
    private String lastError;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "last_error_at")
    private Instant lastErrorAt;

    protected ForwardingPosition() {
    }

    ForwardingPosition(long targetId, long lastEventId) {
        this.targetId = targetId;
        this.lastEventId = lastEventId;
    }

    Cursor cursor() {
        return Cursor.parse(lastEventId, gaps);
    }

    /** The server took {@code events} more events, up to {@code cursor}, as known at {@code at}. */
    void confirmed(Cursor cursor, long events, Instant at) {
        lastEventId = cursor.position();
        gaps = cursor.text();
        forwarded += events;
        lastSuccessAt = at;
    }

    void failed(String words, Instant at) {
        lastError = words.length() > ERROR ? words.substring(0, ERROR - 1) + "…" : words;
        lastErrorAt = at;
    }

    public long getLastEventId() {
        return lastEventId;
    }

    public long getForwarded() {
        return forwarded;
    }

    public Instant getLastSuccessAt() {
        return lastSuccessAt;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getLastErrorAt() {
        return lastErrorAt;
    }

    /** How many ids below the position are still awaited (appliance-wide targets). */
    public int getOpenGaps() {
        return cursor().gaps().size();
    }
}
