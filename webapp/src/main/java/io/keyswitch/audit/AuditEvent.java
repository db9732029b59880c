package io.keyswitch.audit;

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

/** One appended, never updated record of the audit trail, chained to its predecessor by hash. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "chain_key", nullable = false, updatable = false)
    private long chainKey;

    @Column(name = "account_id", updatable = false)
    private Long accountId;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(updatable = false, length = 200)
    private String actor;

    @Column(name = "actor_user_id", updatable = false)
    private Long actorUserId;

    @Column(name = "source_ip", updatable = false, length = 45)
    private String sourceIp;

    @Column(nullable = false, updatable = false, length = 64)
    private String action;

    @Column(updatable = false, length = 300)
    private String target;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    private Outcome outcome;

    @Column(updatable = false, columnDefinition = "TEXT")
    private String details;

    @Column(updatable = false, length = 1000)
    private String reason;

    @Column(name = "prev_hash", nullable = false, updatable = false, length = 64)
    private String prevHash;

    @Column(nullable = false, updatable = false, length = 64)
    private String hash;

    protected AuditEvent() {
    }

    public AuditEvent(long chainKey, Instant occurredAt, AuditEntry entry, String prevHash) {
        this.chainKey = chainKey;
        this.accountId = entry.accountId();
        this.occurredAt = occurredAt;
        this.actor = entry.actor();
        this.actorUserId = entry.actorUserId();
        this.sourceIp = entry.sourceIp();
        this.action = entry.action();
        this.target = entry.target();
        this.outcome = entry.outcome();
        this.details = entry.details();
        this.reason = entry.reason();
        this.prevHash = prevHash;
    }

    /** Seals the event with the hash of its content and its predecessor's hash. */
    public void seal(String hash) {
        this.hash = hash;
    }

    public Long getId() {
        return id;
    }

    public long getChainKey() {
        return chainKey;
    }

    public Long getAccountId() {
        return accountId;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getActor() {
        return actor;
    }

    public Long getActorUserId() {
        return actorUserId;
    }

    public String getSourceIp() {
        return sourceIp;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public String getDetails() {
        return details;
    }

    public String getReason() {
        return reason;
    }

    public String getPrevHash() {
        return prevHash;
    }

    public String getHash() {
        return hash;
    }
}
