package io.keyswitch.vpn;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigInteger;
import java.time.Instant;

/** A certificate issued to a VPN identity (its serial only), a device's secret hash, and whether it was revoked. */
@Entity
@Table(name = "vpn_credential")
public class VpnCredential {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "client_id", nullable = false, updatable = false)
    private long clientId;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(name = "serial_hex", nullable = false, length = 40, updatable = false)
    private String serialHex;

    @Column(name = "secret_hash", length = 100, updatable = false)
    private String secretHash;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoke_reason", length = 1000)
    private String revokeReason;

    protected VpnCredential() {
    }

    public VpnCredential(long clientId, long accountId, BigInteger serial, String secretHash, Instant issuedAt) {
        this.clientId = clientId;
        this.accountId = accountId;
        this.serialHex = serial.toString(16);
        this.secretHash = secretHash;
        this.issuedAt = issuedAt;
    }

    public Long getId() {
        return id;
    }

    public long getClientId() {
        return clientId;
    }

    public BigInteger serial() {
        return new BigInteger(serialHex, 16);
    }

    public String getSerialHex() {
        return serialHex;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public Instant getIssuedAt() {
        return issuedAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public void revoke(Instant at, String reason) {
        this.revokedAt = at;
        this.revokeReason = reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
    }
}
