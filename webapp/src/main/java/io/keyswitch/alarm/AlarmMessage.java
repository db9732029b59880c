package io.keyswitch.alarm;

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

/** One alarm message to one recipient by one channel, kept PENDING in the outbox until the server takes it (SENT). */
@Entity
@Table(name = "alarm_message")
public class AlarmMessage {

    /** How a message goes out. */
    public enum Channel { MAIL, SMS }

    /** PENDING until sent; never given up. */
    public enum State { PENDING, SENT }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(name = "alarm_id", nullable = false, updatable = false)
    private long alarmId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8, updatable = false)
    private Channel channel;

    @Column(nullable = false, length = 254, updatable = false)
    private String recipient;

    @Column(nullable = false, length = 255, updatable = false)
    private String subject;

    @Column(nullable = false, length = 2000, updatable = false)
    private String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private State state = State.PENDING;

    @Column(nullable = false)
    private int attempts;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error", length = 500)
    private String lastError;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "sent_at")
    private Instant sentAt;

    protected AlarmMessage() {
    }

    AlarmMessage(Alarm alarm, Channel channel, String recipient, String subject, String body, Instant now, Instant release) {
        this.accountId = alarm.getAccountId();
        this.alarmId = alarm.getId();
        this.channel = channel;
        this.recipient = recipient;
        this.subject = subject.length() > 255 ? subject.substring(0, 254) + "…" : subject;
        this.body = body.length() > 2000 ? body.substring(0, 1999) + "…" : body;
        this.createdAt = now;
        this.nextAttemptAt = release;
    }

    void sent(Instant at) {
        state = State.SENT;
        attempts++;
        sentAt = at;
        lastError = null;
    }

    void failed(String error, Instant next) {
        attempts++;
        lastError = error == null ? "unknown error" : error.length() > 500 ? error.substring(0, 499) + "…" : error;
        nextAttemptAt = next;
    }

    public Long getId() {
        return id;
    }

    public long getAccountId() {
        return accountId;
    }

    public long getAlarmId() {
        return alarmId;
    }

    public Channel getChannel() {
        return channel;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getSubject() {
        return subject;
    }

    public String getBody() {
        return body;
    }

    public State getState() {
        return state;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }
}
