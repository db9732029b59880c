package io.keyswitch.audit.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The last link of one audit chain, locked while the next event is appended. */
@Entity
@Table(name = "audit_chain_head")
public class AuditChainHead {

    @Id
    @Column(name = "chain_key")
    private long chainKey;

    @Column(name = "last_event_id")
    private Long lastEventId;

    @Column(name = "last_hash", nullable = false, length = 64)
    private String lastHash;

    protected AuditChainHead() {
    }

    String lastHash() {
        return lastHash;
    }

    void advance(Long eventId, String hash) {
        this.lastEventId = eventId;
        this.lastHash = hash;
    }
}
